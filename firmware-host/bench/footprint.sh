#!/usr/bin/env bash
# Footprint as shipped (issue 12): RSS after N scans with the uplink connected and with 1,000,000 events
# buffered, start to first `accepted` next to a bare JVM start; the launcher's shipped JVM options vs the
# JVM's defaults (and any other variants given), in one run. See firmware-host/docs/benchmarks.md.
# Usage: bash firmware-host/bench/footprint.sh [scans, default 5000] [NAME=OPTS ...]
#   NAME=shipped: the launcher's options; NAME=defaults: none (the JVM's); NAME='-Xmx.. ..': those.
#   STAMPBOX_FOOTPRINT_BUFFERED: events in the buffered outbox (default 1000000).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/firmware-host/scripts/prerequisites.sh"
need_tools java javac mvn socat mosquitto python3
cd "$root"
scans=${1:-5000}; shift || true
mvn -q -B -ntp -o -pl firmware-host -DskipTests package test-compile
mvn -q -B -ntp -o -pl firmware-host dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
work=$(mktemp -d /var/tmp/stampbox-footprint.XXXXXX)
broker=
trap '[ -n "$broker" ] && kill "$broker" 2>/dev/null; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n' "$port" >"$work/mosquitto.conf"
mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
broker=$!
echo "footprint: filling an outbox with ${STAMPBOX_FOOTPRINT_BUFFERED:-1000000} events (once)" >&2
cp="firmware-host/target/test-classes:firmware-host/target/classes:$(cat firmware-host/target/bench.classpath)"
buffered=${STAMPBOX_FOOTPRINT_BUFFERED:-1000000}
java -Xmx256m -cp "$cp" io.stampbox.uplink.FootprintFill "$work/filled" "$buffered" >&2
java -version 2>&1 | head -1 >&2
[ $# -gt 0 ] || set -- shipped=shipped defaults=defaults
python3 "$root/firmware-host/bench/footprint.py" "$root/firmware-host/bin/stampbox-host" "tcp://127.0.0.1:$port" \
  "$work/filled" "$scans" "$buffered" "$@"
