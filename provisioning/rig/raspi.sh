#!/usr/bin/env bash
# The rig's raspi3b stage (issue 12), opt-in: STAMPBOX_RIG_RASPI=1. QEMU's raspi3b machine (a
# Raspberry Pi 3 B: bcm2835 GPIO chip, PL011 UART) boots Debian 12's arm64 kernel with its
# bcm2837-rpi-3-b.dtb, the rig's arm64 root file system (arm-rootfs.sh) with the freshly built package
# installed on its SD card (an initramfs loads the SD and ext4 modules), and raspi-init.sh as PID 1: the unit starts as the service user on a
# root-only /dev/gpiochip0 (plain Debian), says so and runs without signals; the chip is then given to
# group gpio (what the package's udev rule does); the unit's retry takes the pins without a restart;
# the lines read back from the chip show green for `accepted`, red and the buzzer for `rejected`.
# One PASS/FAIL/SKIP line per check; exit 1 on a FAIL.
# Usage (as root): STAMPBOX_RIG_RASPI=1 bash provisioning/rig/raspi.sh (run.sh calls it; SKIP by default)
# Environment: STAMPBOX_RIG_CACHE, STAMPBOX_RIG_DEB, STAMPBOX_RIG_KEEP=1, STAMPBOX_RIG_APT=0 as for
# run.sh; STAMPBOX_RIG_RASPI_TIMEOUT (seconds for the whole boot, default 1800).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fails=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; fails=$((fails + 1)); }
skip_all() { echo "SKIP raspi3b-gpio: $1"; echo "rig: *** the raspi3b stage did not run: $1 ***" >&2; exit 0; }
if [ "${STAMPBOX_RIG_RASPI:-0}" != 1 ]; then
  skip_all "opt-in, STAMPBOX_RIG_RASPI=1 runs it (full-system emulation; see provisioning/rig/README.md for the last result)"
fi
[ "$(id -u)" = 0 ] || skip_all "needs root (chroot, mount)"
started=$(date +%s)
missing=
for tool in qemu-system-aarch64:qemu-system-arm cpio:cpio qemu-aarch64-static:qemu-user-static debootstrap:debootstrap; do
  command -v "${tool%%:*}" >/dev/null || missing="$missing ${tool##*:}"
done
if [ -n "$missing" ]; then
  if command -v apt-get >/dev/null && [ "${STAMPBOX_RIG_APT:-1}" = 1 ]; then
    echo "rig: installing$missing with apt-get (STAMPBOX_RIG_APT=0 to forbid)" >&2
    # shellcheck disable=SC2086
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing; } \
      >/tmp/stampbox-rig-raspi-apt.log 2>&1 || skip_all "apt-get could not install$missing"
  else
    skip_all "missing:$missing"
  fi
fi
mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || true
update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
deb=${STAMPBOX_RIG_DEB:-$(ls -t "$root"/provisioning/target/stampbox_*_all.deb 2>/dev/null | head -1 || true)}
[ -n "$deb" ] || skip_all "no package: mvn -B -q package -DskipTests"
image=$(bash "$here/arm-rootfs.sh" arm64) || { fail raspi3b-rootfs "debootstrap failed"; exit 1; }
cache=${STAMPBOX_RIG_CACHE:-/var/cache/stampbox-rig}
work=$(mktemp -d /var/tmp/stampbox-rig-raspi.XXXXXX)
qemu_pid=
mounts=()
cleanup() {
  local i
  [ -z "$qemu_pid" ] || kill "$qemu_pid" 2>/dev/null || true
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" || true; done
  [ "${STAMPBOX_RIG_KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
on() { mount "$@"; mounts+=("${@: -1}"); }
r=$work/root
mkdir -p "$work/upper" "$work/work" "$r"
on -t overlay overlay -o "lowerdir=$image,upperdir=$work/upper,workdir=$work/work" "$r"
on -t proc proc "$r/proc"

# Debian's arm64 kernel, the Pi 3 B device tree and the modules for the SD card and ext4, from Debian's
# linux-image package, and busybox-static for the initramfs: downloaded once with the root file
# system's apt into the cache (the image stays clean).
cp /etc/resolv.conf "$r/etc/resolv.conf"
kdir=$(ls -d "$cache"/raspi-boot-* 2>/dev/null | head -1 || true)
modules="crc16 mbcache jbd2 crc32c_generic ext4 sdhci sdhci-pltfm sdhci-iproc bcm2835"
if [ -z "$kdir" ] || [ ! -f "$kdir/.complete" ]; then
  echo "rig: downloading Debian's arm64 kernel (linux-image-arm64) and busybox-static for the raspi3b machine" >&2
  chroot "$r" apt-get update -q >"$work/apt.log" 2>&1 || { fail raspi3b-kernel "apt-get update: $(tail -2 "$work/apt.log")"; exit 1; }
  pkg=$(chroot "$r" apt-cache depends linux-image-arm64 | sed -n 's/.*Depends: \(linux-image-[0-9].*\)/\1/p' | head -1)
  chroot "$r" sh -c "cd /tmp && apt-get download -q $pkg busybox-static" >>"$work/apt.log" 2>&1 \
    || { fail raspi3b-kernel "apt-get download $pkg busybox-static failed"; exit 1; }
  rm -rf "$cache"/raspi-boot-*
  kdir=$cache/raspi-boot-$pkg
  mkdir -p "$kdir/x" "$kdir/modules"
  dpkg-deb -x "$r"/tmp/"$pkg"_*.deb "$kdir/x"
  dpkg-deb -x "$r"/tmp/busybox-static_*.deb "$kdir/x"
  cp "$kdir"/x/boot/vmlinuz-* "$kdir/vmlinuz"
  cp "$(find "$kdir/x" -name bcm2837-rpi-3-b.dtb | head -1)" "$kdir/bcm2837-rpi-3-b.dtb"
  cp "$kdir/x/bin/busybox" "$kdir/busybox"
  for m in $modules; do cp "$(find "$kdir/x/lib/modules" -name "$m.ko" | head -1)" "$kdir/modules/"; done
  rm -rf "$kdir/x" "$r"/tmp/*.deb
  touch "$kdir/.complete"
fi
echo "rig: raspi3b: $(basename "$kdir"), work dir $work" >&2

# The package installed in the root file system (qemu-user), which becomes the SD card (ext4, 2 GiB:
# QEMU wants a power of two). A small initramfs loads the SD and ext4 modules and switches to it.
cp "$deb" "$r/tmp/stampbox.deb"
if chroot "$r" dpkg -i /tmp/stampbox.deb >"$work/dpkg.log" 2>&1; then pass raspi3b-package-installs; else
  fail raspi3b-package-installs "$(tail -2 "$work/dpkg.log" | tr '\n' ' ')"; exit 1; fi
cp "$here/raspi-init.sh" "$r/rig-init"
chmod 0755 "$r/rig-init"
rm -f "$r/tmp/stampbox.deb"
umount "$r/proc"; unset 'mounts[1]'
truncate -s 2G "$work/sd.img"
mkfs.ext4 -q -F -L rig -d "$r" "$work/sd.img"
mkdir -p "$work/initrd/bin" "$work/initrd/lib/modules" "$work/initrd/proc" "$work/initrd/sys" "$work/initrd/dev" "$work/initrd/newroot"
cp "$kdir/busybox" "$work/initrd/bin/busybox"
cp "$kdir"/modules/*.ko "$work/initrd/lib/modules/"
cat >"$work/initrd/init" <<INIT
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in $modules; do insmod /lib/modules/\$m.ko || echo "RIG insmod \$m failed"; done
n=0; until [ -b /dev/mmcblk0 ] || [ \$n -ge 240 ]; do sleep 0.5; n=\$((n + 1)); done
if ! mount -t ext4 /dev/mmcblk0 /newroot; then echo "RIG no root file system: \$(ls /dev | grep mmc)"; echo "RIG done"; sleep 3600; fi
umount /proc /sys; mount --move /dev /newroot/dev
exec switch_root /newroot /rig-init
INIT
chmod 0755 "$work/initrd/init"
(cd "$work/initrd" && find . | cpio -o -H newc 2>/dev/null | gzip -1) >"$work/initrd.gz"

timeout=${STAMPBOX_RIG_RASPI_TIMEOUT:-1800}
nice -n 10 qemu-system-aarch64 -M raspi3b -kernel "$kdir/vmlinuz" -dtb "$kdir/bcm2837-rpi-3-b.dtb" \
  -initrd "$work/initrd.gz" -drive "file=$work/sd.img,if=sd,format=raw" -append "console=ttyAMA0 rdinit=/init" \
  -display none -serial "file:$work/console.log" \
  -monitor none -no-reboot &
qemu_pid=$!
deadline=$(($(date +%s) + timeout))
until grep -q -e '^RIG done' -e 'Kernel panic' "$work/console.log" 2>/dev/null; do
  if [ "$(date +%s)" -ge "$deadline" ] || ! kill -0 "$qemu_pid" 2>/dev/null; then break; fi
  sleep 2
done
kill "$qemu_pid" 2>/dev/null || true
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=
tr -d '\r' <"$work/console.log" | grep '^RIG ' | sed 's/^RIG /rig: raspi3b: /' >&2 || true
line() { tr -d '\r' <"$work/console.log" | grep "^RIG $1" | head -1; }
verdict() { # verdict NAME WHY PATTERN-ON-LINE LINE-PREFIX
  if line "$4" | grep -qE "$3"; then pass "$1"; else fail "$1" "$2: $(line "$4")"; fi
}
verdict raspi3b-boots "no model line within ${timeout} s" 'Raspberry Pi 3' model
verdict raspi3b-unit-ready "the unit did not get to ready" '^RIG ready after' ready
verdict raspi3b-root-only-chip-says-so "no cause in the log" 'permission denied on /dev/gpiochip0' unusable
verdict raspi3b-retry-brings-signals-back "no 'GPIO usable now' within 120 s of the chip's group change" 'GPIO usable now' back
verdict raspi3b-pi4j-holds-the-lines "gpioinfo" 'line +17:[^;]*output[^;]*\[used\];.*line +18:[^;]*output[^;]*\[used\];.*line +22:[^;]*output[^;]*\[used\];.*line +27:[^;]*output[^;]*\[used\]' held
ms() { line "$1" | sed -n "s/.* $2=\([0-9]*\).*/\1/p"; }
# accepted: green 600 ms with an 80 ms beep; the READY heartbeat is a 150 ms green flash every 3 s.
if [ "$(ms accepted green)" -ge 300 ] 2>/dev/null && [ "$(ms accepted red)" = 0 ] && [ "$(ms accepted amber)" = 0 ]; then
  pass raspi3b-accepted-green; else fail raspi3b-accepted-green "read back: $(line accepted)"; fi
# rejected: red 1 s, the buzzer 800 ms.
if [ "$(ms rejected red)" -ge 500 ] 2>/dev/null && [ "$(ms rejected buzzer)" -ge 400 ] && [ "$(ms rejected amber)" = 0 ]; then
  pass raspi3b-rejected-red-and-buzzer; else fail raspi3b-rejected-red-and-buzzer "read back: $(line rejected)"; fi
if line held | grep -q '\[used\]' && ! line after-stop | grep -q 'out hi'; then pass raspi3b-outputs-off-after-stop; else
  fail raspi3b-outputs-off-after-stop "held: $(line held); after SIGTERM: $(line after-stop)"; fi
echo "rig: raspi3b stage: $fails failed, $(($(date +%s) - started)) s" >&2
[ "$fails" = 0 ]
