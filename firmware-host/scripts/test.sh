#!/usr/bin/env bash
# Runs every test: unit tests, and integration tests against a real pty (socat), real MapDB files,
# real mosquitto processes and fault injection (strace). Usage: bash firmware-host/scripts/test.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/firmware-host/scripts/prerequisites.sh"
need_tools java javac mvn socat mosquitto mosquitto_passwd strace openssl python3 dpkg-deb lintian systemd-analyze
cd "$root"
exec mvn -B -ntp verify "$@"
