#!/bin/sh
# PID 1 of the raspi3b stage (raspi.sh), inside QEMU's emulated Raspberry Pi 3 B: the arm64 root file
# system with the package installed, unpacked from an initramfs. Prints RIG lines on the console
# (ttyAMA0) for raspi.sh to judge. No systemd here: the stage is about the bcm2835 GPIO chip.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
mount -t proc proc /proc; mount -t sysfs sys /sys; mountpoint -q /dev || mount -t devtmpfs dev /dev
mount -t debugfs debugfs /sys/kernel/debug; mkdir -p /dev/pts /run; mount -t tmpfs tmpfs /run
say() { echo "RIG $*"; }
say "model $(tr -d '\0' </proc/device-tree/model)"
say "chip $(ls -l /dev/gpiochip0 | cut -d' ' -f1,3,4) (plain Debian: root only; no udev here)"
say "gpioinfo $(gpioinfo gpiochip0 | grep -c 'line ') lines on $(gpiodetect | head -1)"
# levels LABEL: samples the unit's lines as the kernel reads them back from the chip (debugfs: `out
# hi`/`out lo` from the bcm2835's level registers), without forking (emulated forks are slow), until one
# lamp was high for 300 ms (a signal; the READY heartbeat is 150 ms) and 1.5 s more, or 90 s (the
# emulated unit may take seconds over a scan); prints for each line the longest time it was seen high,
# in ms (a lower bound).
levels() {
  read -r up _ </proc/uptime; end=$((${up%.*}${up#*.} + 9000)); settled=
  for c in 17 18 22 27; do eval "since$c=; max$c=0"; done
  while :; do
    read -r up _ </proc/uptime; now=${up%.*}${up#*.}
    [ "$now" -lt "$end" ] || break
    if [ -z "$settled" ] && { [ "$max17" -ge 300 ] || [ "$max22" -ge 300 ] || [ "$max27" -ge 300 ]; }; then
      settled=1; end=$((now + 150))
    fi
    h17=0; h18=0; h22=0; h27=0
    while IFS= read -r l; do
      case $l in
        *"(GPIO17 "*"out hi"*) h17=1 ;; *"(GPIO18 "*"out hi"*) h18=1 ;;
        *"(GPIO22 "*"out hi"*) h22=1 ;; *"(GPIO27 "*"out hi"*) h27=1 ;;
      esac
    done </sys/kernel/debug/gpio
    for c in 17 18 22 27; do
      eval "h=\$h$c; s=\$since$c; m=\$max$c"
      if [ "$h" = 1 ]; then
        [ -n "$s" ] || s=$now
        [ $(((now - s) * 10)) -le "$m" ] || m=$(((now - s) * 10))
      else s=; fi
      eval "since$c=$s; max$c=$m"
    done
  done
  say "$1 green=$max17 amber=$max27 red=$max22 buzzer=$max18 (ms seen high)"
}
waitlog() { # waitlog SECONDS PATTERN
  n=0
  until grep -q "$2" /run/daemon.log 2>/dev/null; do
    n=$((n + 1)); [ $n -le $(($1 * 2)) ] || return 1; sleep 0.5
  done
}
cat >/etc/stampbox/config.json <<'JSON'
{"device": {"id": "raspi-1", "store": "rig"}, "scanner": {"type": "stdin"}, "storage": {"dir": "/var/lib/stampbox"},
 "codes": {"cardPattern": "^CARD-(?<card>[0-9]+)$", "repeatWindowMs": 0}, "feedback": {"platform": "gpio"}}
JSON
mkfifo /run/scans
exec 3<>/run/scans
t0=$(cut -d' ' -f1 /proc/uptime)
STAMPBOX_JAVA_OPTS=-XX:-UsePerfData setpriv --reuid=stampbox --regid=stampbox --init-groups \
  /usr/bin/stampbox-host --config /etc/stampbox/config.json <&3 >/run/signals.log 2>/run/daemon.log &
unit=$!
if waitlog 900 'ready to scan'; then
  say "ready after $(awk -v t0="$t0" '{printf "%.0f", $1 - t0}' /proc/uptime) s"
else
  say "not ready: $(tail -3 /run/daemon.log | tr '\n' ' ')"
fi
say "unusable $(grep -o 'running without signals.*gpiochip0[^(]*' /run/daemon.log | head -1)"
# What the package's udev rule (60-stampbox-gpio.rules) does where udev runs: the chips to group gpio.
chgrp gpio /dev/gpiochip*; chmod 0660 /dev/gpiochip*
say "chip now $(ls -l /dev/gpiochip0 | cut -d' ' -f1,3,4)"
if waitlog 120 'GPIO usable now'; then say "back $(grep -o 'GPIO usable now.*' /run/daemon.log | head -1)"; else say "not back"; fi
say "held $(gpioinfo gpiochip0 | grep -E 'line +(17|18|22|27):' | tr -s ' ' | tr '\n' ';')"
printf 'CARD-1\r\n' >&3
levels accepted
sleep 2
printf 'not-a-card\r\n' >&3
levels rejected
kill -TERM "$unit"
n=0; while kill -0 "$unit" 2>/dev/null && [ $n -lt 120 ]; do sleep 0.5; n=$((n + 1)); done
say "after-stop $(grep -E '\(GPIO(17|18|22|27) +\|' /sys/kernel/debug/gpio | tr -s ' ' | tr '\n' ';')"
grep -E 'ERROR|WARN' /run/daemon.log | head -5 | sed 's/^/RIG log /'
say done
sync
echo o >/proc/sysrq-trigger 2>/dev/null
sleep 3600
