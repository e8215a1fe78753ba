#!/usr/bin/env bash
# The unit, here, off the Pi: codes typed on stdin stand in for the scanner, signal lines on stdout
# stand in for the LEDs and buzzer, the outbox is a real MapDB store, and scans go to the MQTT broker
# on 127.0.0.1:1883 when one is running. Usage: bash firmware-host/scripts/demo.sh [--fresh]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/firmware-host/scripts/prerequisites.sh"
need_tools java javac mvn
state=${STAMPBOX_DEMO_DIR:-${TMPDIR:-/tmp}/stampbox-demo}
if [ "${1:-}" = "--fresh" ]; then rm -rf "$state"; fi
mkdir -p "$state"

echo "Building the unit (mvn package, tests skipped)..." >&2
(cd "$root" && mvn -q -B -ntp -DskipTests package) >&2

mqtt=""
if (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; then
  mqtt='"mqtt": {"url": "tcp://127.0.0.1:1883", "topicRoot": "stampbox/v1"},'
  broker_note="Scans are published to the broker on 127.0.0.1:1883: watch them with
  mosquitto_sub -v -t 'stampbox/v1/demo-unit/#'"
else
  broker_note="No MQTT broker on 127.0.0.1:1883: scans stay in the outbox until one is configured."
fi

cat > "$state/config.json" <<JSON
{
  "device": {"id": "demo-unit", "store": "demo-bakery"},
  "scanner": {"type": "stdin"},
  $mqtt
  "storage": {"dir": "$state/data"},
  "codes": {
    "cardPattern": "^CARD-(?<card>[A-Z0-9]{4,32})$",
    "voucherPattern": "^VCH-(?<voucher>[A-Z0-9]{4,32})$",
    "repeatWindowMs": 3000,
    "cooldownSeconds": 0
  },
  "feedback": {"platform": "console"},
  "staff": {"consolePresses": true},
  "workflow": {"mode": "${STAMPBOX_DEMO_MODE:-autopilot}"},
  "health": {"intervalSeconds": 30}
}
JSON

cat >&2 <<TXT

Stampbox demo unit (config: $state/config.json, outbox: $state/data)
Type a code and press Enter, as if a phone were held under the scanner:
  CARD-1234          a loyalty card: SIGNAL accepted event=... seq=N
  CARD-1234 again    within 3 s: SIGNAL repeat (no second stamp)
  VCH-WELCOME        a reward voucher: SIGNAL voucher-unverified, unless a backend answers
                     (for one: stampbox-provision responder, see firmware-host/docs/vouchers.md)
  hello              neither: SIGNAL rejected
  !  /  !!           the staff button, short / long: undo the last stamp within 10 s
                     (STAMPBOX_DEMO_MODE=staff-confirm: a card waits for !, else expired)
$broker_note
Stop with Ctrl-C (or Ctrl-D then Ctrl-C); run again and seq goes on where it stopped.

TXT
# The daemon refuses to run as root unless told; the demo's store is its own, so root may run it.
if [ "$(id -u)" = 0 ]; then export STAMPBOX_ALLOW_ROOT=1; fi
exec "$root/firmware-host/bin/stampbox-host" --config "$state/config.json"
