#!/usr/bin/env bash
# Runs every test: unit tests, and integration tests against a real pty (socat), real MapDB files,
# real mosquitto processes and fault injection (strace), then the target rig.
# Usage: bash firmware-host/scripts/test.sh
#
# With --fast, the edit-test loop instead: only the untagged tests (fakes and files; no child process,
# broker, pty or slow test, see io.stampbox.testing), checkstyle, no .deb: mvn -Pfast verify, with
# Maven's own JVM on the C1 compiler and the serial collector (less CPU for a build this short).
# Further arguments go to Maven, e.g. bash firmware-host/scripts/test.sh --fast -pl firmware-host
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/firmware-host/scripts/prerequisites.sh"
cd "$root"
if [ "${1:-}" = "--fast" ]; then
  shift
  need_tools java javac mvn
  export MAVEN_OPTS="${MAVEN_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
  exec mvn -B -ntp -Pfast verify "$@"
fi
need_tools java javac mvn socat mosquitto mosquitto_passwd strace openssl python3 dpkg-deb lintian systemd-analyze
mvn -B -ntp verify "$@"
# The target rig (provisioning/rig/README.md): the .deb just built, installed and checked in a Debian 12
# container with systemd as PID 1. About 3 min warm, 7 min with a cold cache (debootstrap). It prints SKIP and
# passes where the machine cannot run it (not root, no systemd-nspawn); STAMPBOX_RIG=0 skips it.
if [ "${STAMPBOX_RIG:-1}" = 0 ]; then
  echo "SKIP rig: STAMPBOX_RIG=0"
else
  bash "$root/provisioning/rig/run.sh"
fi
