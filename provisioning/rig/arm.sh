#!/usr/bin/env bash
# The rig's arm stage (issue 12), opt-in: STAMPBOX_RIG_ARM=1. The freshly built .deb installed into
# Debian 12 arm64 and armhf root file systems run through qemu-user (not booted: the package's JVM
# and native libraries are what is checked here, systemd is the container's part of the rig). Per
# architecture: the package installs; the JVM runs; jSerialComm, Pi4J's gpiod JNI and lz4 load (lz4:
# native on arm64, its Java fallback on armhf, timed); the daemon, through the packaged launcher with
# its shipped JVM options, takes scans from a socat pty, signals `SIGNAL accepted` on the console and
# publishes to a mosquitto on the host. Prints start to first `accepted` next to a bare JVM start in the
# same emulation, and RSS after the scans. One PASS/FAIL/SKIP line per check; exit 1 on a FAIL.
# Usage (as root): STAMPBOX_RIG_ARM=1 bash provisioning/rig/arm.sh   (run.sh calls it; SKIP by default)
# Environment: STAMPBOX_RIG_ARCHS (default "arm64 armhf"), STAMPBOX_RIG_ARM_STARTS (fresh starts timed,
# default 3), STAMPBOX_RIG_ARM_SCANS (default 200), STAMPBOX_RIG_CACHE, STAMPBOX_RIG_DEB,
# STAMPBOX_RIG_KEEP=1, STAMPBOX_RIG_APT=0, as for run.sh; STAMPBOX_RIG_ARMHF_STORAGE (the armhf unit's
# storage.dir, default /run/stampbox-storage on tmpfs; /var/lib/stampbox puts it on the host's disk).
# See provisioning/rig/README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fails=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; fails=$((fails + 1)); }
skip() { echo "SKIP $1: $2"; }
check() { local name=$1 why=$2; shift 2; if "$@"; then pass "$name"; else fail "$name" "$why"; fi; }
archs=${STAMPBOX_RIG_ARCHS:-arm64 armhf}
skip_all() {
  local a
  for a in $archs; do skip "$a-qemu-user" "$1"; done
  echo "rig: *** the arm64/armhf stage did not run: $1 ***" >&2
  exit 0
}
if [ "${STAMPBOX_RIG_ARM:-0}" != 1 ]; then
  skip_all "opt-in, STAMPBOX_RIG_ARM=1 runs it (about 6-9 min per architecture for its root file system once, then 1.5 min per run on a quiet 2-core machine, up to 13 min on a loaded one); last result: provisioning/rig/README.md"
fi
[ "$(id -u)" = 0 ] || skip_all "needs root (debootstrap, chroot, mount)"
started=$(date +%s)

# --- What the stage needs: installed as firmware-host/scripts/prerequisites.sh does --------------------
missing=
for tool in qemu-aarch64-static:qemu-user-static qemu-arm-static:qemu-user-static update-binfmts:binfmt-support \
    debootstrap:debootstrap socat:socat mosquitto:mosquitto mosquitto_sub:mosquitto-clients javac:openjdk-17-jdk-headless \
    python3:python3; do
  command -v "${tool%%:*}" >/dev/null || missing="$missing ${tool##*:}"
done
if [ -n "$missing" ]; then
  if command -v apt-get >/dev/null && [ "${STAMPBOX_RIG_APT:-1}" = 1 ]; then
    echo "rig: installing$missing with apt-get (STAMPBOX_RIG_APT=0 to forbid)" >&2
    # shellcheck disable=SC2086
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing; } >/tmp/stampbox-rig-arm-apt.log 2>&1 \
      || skip_all "apt-get could not install$missing (/tmp/stampbox-rig-arm-apt.log)"
  else
    skip_all "missing:$missing (apt-get install$missing)"
  fi
fi
# A chroot has no qemu of its own: the binfmt handlers must be registered with the F (fix binary) flag.
mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || true
update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
update-binfmts --enable qemu-arm >/dev/null 2>&1 || true
for handler in qemu-aarch64 qemu-arm; do
  grep -q '^flags:.*F' "/proc/sys/fs/binfmt_misc/$handler" 2>/dev/null \
    || skip_all "binfmt handler $handler not registered with the F flag (update-binfmts --enable $handler)"
done

deb=${STAMPBOX_RIG_DEB:-$(ls -t "$root"/provisioning/target/stampbox_*_all.deb 2>/dev/null | head -1 || true)}
if [ -z "$deb" ]; then
  echo "rig: no package yet, building it: mvn -B -q package -DskipTests" >&2
  (cd "$root" && mvn -B -q package -DskipTests) >&2
  deb=$(ls -t "$root"/provisioning/target/stampbox_*_all.deb | head -1)
fi
work=$(mktemp -d /var/tmp/stampbox-rig-arm.XXXXXX)
broker_pid=
mounts=()
cleanup() {
  local m i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do m=${mounts[i]}; umount "$m" 2>/dev/null || umount -l "$m" || true; done
  [ -z "$broker_pid" ] || kill "$broker_pid" 2>/dev/null || true
  [ "${STAMPBOX_RIG_KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
on() { mount "$@"; mounts+=("${@: -1}"); }

# The package's jar, the probe (NativeProbe.java) and a bare Hello, compiled on the host for Java 17.
dpkg-deb -x "$deb" "$work/deb"
jar=$work/deb/usr/share/stampbox/stampbox-host.jar
mkdir -p "$work/probe"
echo 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }' >"$work/Hello.java"
javac --release 17 -cp "$jar" -d "$work/probe" "$here/probe/NativeProbe.java" "$work/Hello.java"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" >"$work/mosquitto.conf"
mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
broker_pid=$!
sleep 0.5
echo "rig: arm stage: $(basename "$deb"), work dir $work" >&2

arm_one() {
  local arch=$1 image r storage libdir scans=${STAMPBOX_RIG_ARM_SCANS:-200} sub
  local t0=$SECONDS
  if ! image=$(bash "$here/arm-rootfs.sh" "$arch"); then fail "$arch-rootfs" "debootstrap failed (see above)"; return; fi
  r=$work/$arch/root
  mkdir -p "$work/$arch/upper" "$work/$arch/work" "$r"
  on -t overlay overlay -o "lowerdir=$image,upperdir=$work/$arch/upper,workdir=$work/$arch/work" "$r"
  on -t proc proc "$r/proc"
  on --bind /dev "$r/dev"
  on --bind /dev/pts "$r/dev/pts"
  on -t tmpfs tmpfs "$r/run"
  cp "$deb" "$r/tmp/stampbox.deb"
  if ! chroot "$r" dpkg -i /tmp/stampbox.deb >"$work/$arch/dpkg.log" 2>&1; then
    fail "$arch-package-installs" "$(tail -3 "$work/$arch/dpkg.log" | tr '\n' ' ')"
    return
  fi
  pass "$arch-package-installs"

  # Pi4J loads its gpiod libraries from the jar only on a board it recognises as a Pi (it reads
  # /proc/device-tree/model); here the same .so files, taken from the jar, are loaded by path.
  libdir=$([ "$arch" = arm64 ] && echo aarch64 || echo armhf)
  mkdir -p "$r/opt/rig-probe"
  cp -r "$work/probe/." "$r/opt/rig-probe/"
  python3 - "$jar" "lib/$libdir/pi4j-gpiod/" "$r/opt/rig-probe/pi4j-gpiod" <<'PY'
import os, sys, zipfile
jar, prefix, out = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
with zipfile.ZipFile(jar) as z:
    for n in z.namelist():
        if n.startswith(prefix) and n.endswith(".so"):
            open(os.path.join(out, os.path.basename(n)), "wb").write(z.read(n))
PY
  chroot "$r" /usr/bin/env -i PATH=/usr/bin:/bin java -XX:-UsePerfData -Dpi4j.library.path=/opt/rig-probe/pi4j-gpiod \
    -cp /opt/rig-probe:/usr/share/stampbox/stampbox-host.jar NativeProbe 20000 >"$work/$arch/probe.log" 2>&1 || true
  check "$arch-jvm-runs" "$(head -3 "$work/$arch/probe.log" | tr '\n' ' ')" grep -q "^ARCH " "$work/$arch/probe.log"
  check "$arch-jserialcomm-loads" "$(grep 'NATIVE jSerialComm' "$work/$arch/probe.log")" grep -q "^NATIVE jSerialComm ok" "$work/$arch/probe.log"
  check "$arch-pi4j-gpiod-jni-loads" "$(grep 'NATIVE pi4j-gpiod' "$work/$arch/probe.log")" grep -q "^NATIVE pi4j-gpiod ok" "$work/$arch/probe.log"
  if [ "$arch" = armhf ]; then
    check armhf-lz4-java-fallback "$(grep 'NATIVE lz4' "$work/$arch/probe.log")" grep -q "^NATIVE lz4 none" "$work/$arch/probe.log"
  else
    check "$arch-lz4-native-loads" "$(grep 'NATIVE lz4' "$work/$arch/probe.log")" grep -q "^NATIVE lz4 ok" "$work/$arch/probe.log"
  fi
  grep '^LZ4 ' "$work/$arch/probe.log" | sed "s/^/rig: $arch: /" >&2 || true

  # armhf: qemu-user gives a 32-bit guest 64-bit ext4 directory offsets it cannot fit (getdents:
  # EOVERFLOW) where a real armhf Pi does not; the storage is on tmpfs there. arm64 keeps the package's.
  storage=/var/lib/stampbox
  [ "$arch" != armhf ] || storage=${STAMPBOX_RIG_ARMHF_STORAGE:-/run/stampbox-storage}
  mosquitto_sub -h 127.0.0.1 -p "$port" -t 'stampbox/v1/rig-arm/scan' -q 1 >"$work/$arch/scans.mqtt" 2>&1 &
  sub=$!
  nice -n 10 python3 "$here/arm_drive.py" "$r" "tcp://127.0.0.1:$port" "$storage" "${STAMPBOX_RIG_ARM_STARTS:-3}" \
    "$scans" "$work/$arch" >"$work/$arch/drive.log" 2>&1 || true
  sleep 1
  kill "$sub" 2>/dev/null || true
  check "$arch-scan-accepted" "$(tail -3 "$work/$arch/drive.log" | tr '\n' ' ')" grep -q '^FIRST_ACCEPTED_MS=' "$work/$arch/drive.log"
  local published
  published=$(grep -c '"schema"' "$work/$arch/scans.mqtt" || true)
  check "$arch-scans-published" "$published of $scans on stampbox/v1/rig-arm/scan" [ "$published" -ge "$scans" ]
  check "$arch-no-eoverflow" "$(grep -h -m1 -i 'EOVERFLOW\|Value too large' "$work/$arch"/*.log)" \
    not grep -q -i 'EOVERFLOW\|Value too large' "$work/$arch"/daemon-*.log
  grep -E '^(FIRST_ACCEPTED|HELLO|SCANS)' "$work/$arch/drive.log" | sed "s/^/rig: $arch: /" >&2 || true
  echo "rig: $arch: lz4 extracted by the daemon: $(ls "$r$storage/tmp" 2>/dev/null | grep -c lz4 || true) (its storage tmp: $(ls "$r$storage/tmp" 2>/dev/null | tr '\n' ' '))" >&2
  echo "rig: $arch: stage $((SECONDS - t0)) s" >&2
}
not() { ! "$@"; }

for arch in $archs; do
  case $arch in arm64|armhf) arm_one "$arch" ;; *) fail "arch-$arch" "only arm64 and armhf" ;; esac
done
echo "rig: arm stage: $fails failed, $(($(date +%s) - started)) s" >&2
[ "$fails" = 0 ]
