#!/usr/bin/env bash
# The target rig: the freshly built .deb installed into a Debian 12 container booted with systemd as
# PID 1 (systemd-nspawn -b), provisioned and checked as an installer would. One line per check:
# PASS name / FAIL name: why / SKIP name: reason. Exit 1 on any FAIL; exit 0 with SKIP lines when this
# machine cannot run the rig at all. Usage (as root): bash provisioning/rig/run.sh
# Environment: STAMPBOX_RIG_CACHE (root file system cache, default /var/cache/stampbox-rig),
# STAMPBOX_RIG_KEEP=1 (keep the work directory), STAMPBOX_RIG_DEB (the package; default: the newest
# provisioning/target/stampbox_*_all.deb, built with 'mvn -B -q package -DskipTests' when missing).
# See provisioning/rig/README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
started=$(date +%s)
fails=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; fails=$((fails + 1)); }
skip() { echo "SKIP $1: $2"; }
check() { # check NAME WHY-IF-NOT CMD...: PASS when CMD succeeds
  local name=$1 why=$2; shift 2
  if "$@"; then pass "$name"; else fail "$name" "$why"; fi
}

# --- Can this machine run it? ---------------------------------------------------------------------
cannot() { skip rig "$1"; echo "rig: skipped entirely: $1" >&2; exit 0; }
[ "$(id -u)" = 0 ] || cannot "needs root (systemd-nspawn, debootstrap, mount)"
if ! command -v systemd-nspawn >/dev/null || ! command -v debootstrap >/dev/null; then
  if command -v apt-get >/dev/null && [ "${STAMPBOX_RIG_APT:-1}" = 1 ]; then
    echo "rig: installing debootstrap and systemd-container with apt-get (STAMPBOX_RIG_APT=0 to forbid)" >&2
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap systemd-container; } \
      >/tmp/stampbox-rig-apt.log 2>&1 || cannot "apt-get could not install debootstrap/systemd-container (/tmp/stampbox-rig-apt.log)"
  else
    cannot "systemd-nspawn or debootstrap missing (apt-get install debootstrap systemd-container)"
  fi
fi
for tool in mosquitto mosquitto_sub nsenter python3; do
  command -v "$tool" >/dev/null || cannot "$tool missing"
done
deb=${STAMPBOX_RIG_DEB:-$(ls -t "$root"/provisioning/target/stampbox_*_all.deb 2>/dev/null | head -1 || true)}
if [ -z "$deb" ]; then
  echo "rig: no package yet, building it: mvn -B -q package -DskipTests" >&2
  (cd "$root" && mvn -B -q package -DskipTests) >&2
  deb=$(ls -t "$root"/provisioning/target/stampbox_*_all.deb | head -1)
fi
rig_image=$(bash "$here/rootfs.sh") || { fail rootfs "debootstrap failed"; exit 1; }
rig_run=$(mktemp -d /var/tmp/stampbox-rig.XXXXXX)
# shellcheck source=container.sh
. "$here/container.sh"
# shellcheck source=checks.sh
. "$here/checks.sh"
. "$here/update-checks.sh" # shellcheck source=update-checks.sh
trap rig_cleanup EXIT
rig_mount
if ! rig_boot rig; then cannot "systemd-nspawn -b does not boot here (see above)"; fi
echo "rig: $(basename "$deb") in $(basename "$rig_image"), work dir $rig_run" >&2

# The host's mosquitto on a free loopback port: the container shares the host's network.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" >"$rig_run/mosquitto.conf"
mosquitto -c "$rig_run/mosquitto.conf" >"$rig_run/mosquitto.log" 2>&1 &
rig_broker_pid=$!
sleep 0.5
mosquitto_sub -h 127.0.0.1 -p "$port" -t 'stampbox/v1/rig-1/scan' -q 1 -v >"$rig_run/scans.mqtt" 2>&1 &
rig_sub_pid=$!

checks_install
checks_unprovisioned
checks_provisioned
checks_watchdog_and_restarts
checks_offline_boot
checks_updates
checks_remove_purge
# arm64/armhf through qemu-user and the raspi3b machine: opt-in (STAMPBOX_RIG_ARM=1, STAMPBOX_RIG_RASPI=1),
# a loud SKIP otherwise.
bash "$here/arm.sh" || fail arm-stage "see its FAIL lines (provisioning/rig/arm.sh)"
bash "$here/raspi.sh" || fail raspi-stage "see its FAIL lines (provisioning/rig/raspi.sh)"
echo "rig: $fails failed, $(($(date +%s) - started)) s" >&2
[ "$fails" = 0 ]
