# Sourced by run.sh: the checks, in the order an installer meets them. Uses pass/fail/skip/check,
# rig_in/rig_boot/rig_poweroff, $rig_run, $deb and $port from run.sh.

prop() { rig_in systemctl show -P "$1" stampbox.service || true; }
# until_true SECONDS CMD...: polls CMD every 0.2 s.
until_true() {
  local deadline=$(($(date +%s) + $1)); shift
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}
journal() { rig_in journalctl -q --no-pager -o cat -u stampbox.service; }
is_active() { [ "$(prop ActiveState)" = active ]; }
not() { ! "$@"; }
# restarted N OLD-PID: the N-th automatic restart happened and the new process is up.
restarted() { [ "$(prop NRestarts)" = "$1" ] && [ "$(prop MainPID)" != "$2" ] && is_active; }
scans_published() { [ "$(grep -c '"schema"' "$rig_run/scans.mqtt" 2>/dev/null || true)" -ge "$1" ]; }
# The scanner: a pty made by socat, linked as /dev/stampbox-scanner; codes are written to a fifo.
start_scanner() {
  # -U: from the fifo to the pty; the pty comes first (opening a fifo blocks until a writer comes).
  rig_in systemd-run -q --unit=rig-scanner socat -U PTY,link=/dev/stampbox-scanner,rawer,user=stampbox,group=dialout,mode=660 \
    PIPE:/run/rig-scans,ignoreeof
  until_true 5 rig_in test -e /dev/stampbox-scanner
}
scan() { rig_in sh -c 'printf "%s\r\n" "$1" >/run/rig-scans' scan "$1"; }
# ms between two monotonic timestamps (µs) of the unit's properties.
unit_ms() { echo $(( ($(prop "$2") - $(prop "$1")) / 1000 )); }

checks_install() {
  cp "$deb" "$rig_run/root/root/stampbox.deb"
  if ! rig_in dpkg -i /root/stampbox.deb >"$rig_run/dpkg.log" 2>&1; then
    fail package-installs "$(tail -3 "$rig_run/dpkg.log" | tr '\n' ' ')"
    return
  fi
  pass package-installs
  local groups
  groups=$(rig_in id -nG stampbox 2>&1 || true)
  check user-in-gpio-and-dialout "groups: $groups" grep -qw gpio <<<"$groups"
  grep -qw dialout <<<"$groups" || fail user-in-dialout "groups: $groups"
  check unit-enabled "is-enabled: $(rig_in systemctl is-enabled stampbox || true)" \
    test "$(rig_in systemctl is-enabled stampbox || true)" = enabled
  check unit-not-started "state: $(prop ActiveState)" test "$(prop ActiveState)" = inactive
  check gpio-udev-rule-installed "no /lib/udev/rules.d/60-stampbox-gpio.rules" \
    rig_in test -f /lib/udev/rules.d/60-stampbox-gpio.rules
}

checks_unprovisioned() {
  local rc=0
  rig_in systemctl start stampbox >/dev/null 2>&1 || rc=$?
  sleep 5 # RestartSec=2s: a restart would have happened by now
  check unprovisioned-exits-2 "start rc $rc, ExecMainStatus $(prop ExecMainStatus)" \
    test "$(prop ExecMainStatus)" = 2 -a "$rc" != 0
  check unprovisioned-not-restarted "NRestarts $(prop NRestarts), state $(prop ActiveState)" \
    test "$(prop NRestarts)" = 0 -a "$(prop ActiveState)" = failed
  rig_in systemctl reset-failed stampbox
}

checks_provisioned() {
  rig_in stampbox-provision init --device-id rig-1 --store rig --broker "tcp://127.0.0.1:$port" \
    >"$rig_run/init.log" 2>&1 || { fail provision-init "$(tail -3 "$rig_run/init.log" | tr '\n' ' ')"; return; }
  # Test only: the pty standing in for the scanner is a char-pts device, closed by DevicePolicy.
  rig_in mkdir -p /etc/systemd/system/stampbox.service.d
  printf '[Service]\nDeviceAllow=char-pts rw\n' >"$rig_run/root/etc/systemd/system/stampbox.service.d/rig-pty.conf"
  rig_in systemctl daemon-reload
  start_scanner || fail scanner-pty "socat did not make /dev/stampbox-scanner"
  # A chip the service user may not open, as plain Debian leaves /dev/gpiochip0 without the package's
  # udev rule (the container has no udev and no GPIO: a root-only file stands in for the chip).
  rig_in sh -c ': >/dev/gpiochip0 && chmod 600 /dev/gpiochip0'

  local t0 t1 rc=0
  t0=$(date +%s%N)
  rig_in systemctl start stampbox || rc=$?
  t1=$(date +%s%N)
  check ready-type-notify "systemctl start rc $rc, state $(prop ActiveState)" test "$rc" = 0 -a "$(prop ActiveState)" = active
  echo "rig: with network: systemctl start -> READY $(( (t1 - t0) / 1000000 )) ms (unit start -> active" \
    "$(unit_ms ExecMainStartTimestampMonotonic ActiveEnterTimestampMonotonic) ms)" >&2
  local i
  for i in 1 2 3 4 5; do scan "RIGCARD000$i"; sleep 0.3; done
  check scans-reach-mosquitto "$(grep -c '"schema"' "$rig_run/scans.mqtt" || true) of 5 published" \
    until_true 20 scans_published 5
  journal >"$rig_run/journal-gpio.log"
  check journal-never-shows-full-code "a full code in journalctl -u stampbox" \
    not grep -q RIGCARD000 "$rig_run/journal-gpio.log"
  check gpio-unusable-says-so "no 'running without signals' in the journal" grep -q 'running without signals' "$rig_run/journal-gpio.log"
  check gpio-unusable-names-the-cause "journal: $(grep 'running without signals' "$rig_run/journal-gpio.log" | head -1)" \
    grep -q 'permission denied on /dev/gpiochip0, root:root rw-------' "$rig_run/journal-gpio.log"
  grep 'running without signals' "$rig_run/journal-gpio.log" | head -1 | sed 's/^/rig:   journal: /' >&2
  if rig_in systemd-run -q --wait -p DevicePolicy=closed sh -c 'exec 3</dev/stampbox-scanner' 2>/dev/null; then
    skip device-policy-closes-a-pty "DevicePolicy=closed is not enforced in this container (host cgroups: $(stat -fc %T /sys/fs/cgroup))"
  else
    pass device-policy-closes-a-pty
  fi
  rig_in stampbox-provision check >"$rig_run/check.log" 2>&1 || true
  sed 's/^/rig:   provision check: /' "$rig_run/check.log" >&2
  check provision-check-runs "no output" test -s "$rig_run/check.log"
  check provision-check-tests-gpio-access "no GPIO line naming /dev/gpiochip0" \
    grep -q '✗ GPIO: stampbox cannot read and write /dev/gpiochip0' "$rig_run/check.log"
  checks_passive_buzzer
}

checks_passive_buzzer() {
  rig_in cp /usr/share/doc/stampbox/examples/passive-buzzer.conf /etc/systemd/system/stampbox.service.d/
  rig_in systemctl daemon-reload
  rig_in systemctl restart stampbox || true
  check passive-buzzer-drop-in "ProtectKernelTunables=$(prop ProtectKernelTunables), $(prop ActiveState)" \
    test "$(prop ProtectKernelTunables)" = no -a "$(prop ActiveState)" = active
  rig_in rm /etc/systemd/system/stampbox.service.d/passive-buzzer.conf
  rig_in systemctl daemon-reload
}

checks_watchdog_and_restarts() {
  rig_in systemctl reset-failed stampbox
  rig_in systemctl restart stampbox || true
  local n0 pid
  n0=$(prop NRestarts)
  sleep 40 # WatchdogSec=30s
  check watchdog-keeps-alive-past-30s "state $(prop ActiveState), NRestarts $(prop NRestarts) (was $n0)" \
    test "$(prop ActiveState)" = active -a "$(prop NRestarts)" = "$n0"
  pid=$(prop MainPID)
  rig_in systemctl kill -s KILL --kill-who=main stampbox
  check sigkill-restarts "NRestarts $(prop NRestarts), state $(prop ActiveState)" \
    until_true 30 restarted "$((n0 + 1))" "$pid"
  pid=$(prop MainPID)
  rig_in systemctl kill -s STOP --kill-who=main stampbox
  check sigstop-stall-restarted-by-watchdog "NRestarts $(prop NRestarts), state $(prop ActiveState)" \
    until_true 75 restarted "$((n0 + 2))" "$pid"
  rig_in journalctl -q --no-pager -o cat -u stampbox >"$rig_run/journal-restarts.log"
  check stall-recorded "no watchdog result in the journal or last-stop" \
    grep -q "Failed with result 'watchdog'" "$rig_run/journal-restarts.log"
  checks_exit_75
  # Manual restarts: an installer at work; they count towards StartLimitBurst (10 in 600 s).
  rig_in systemctl reset-failed stampbox
  local t0 t1
  t0=$(date +%s%N)
  for i in 1 2 3 4 5 6 7 8; do rig_in systemctl restart stampbox || break; done
  t1=$(date +%s%N)
  check eight-manual-restarts-not-locked-out "state $(prop ActiveState)" is_active
  local cmdline
  cmdline=$(rig_in sh -c "tr '\\0' ' ' </proc/$(prop MainPID)/cmdline" 2>&1 || true)
  check appcds-archive-in-use "$(rig_in ls /var/lib/stampbox/cds 2>&1 | tr '\n' ' '); cmdline: $cmdline" \
    grep -q -- '-XX:SharedArchiveFile=/var/lib/stampbox/cds/stampbox.jsa' <<<"$cmdline"
  echo "rig: warm systemctl restart -> READY: $(( (t1 - t0) / 8000000 )) ms on average over 8" >&2
  checks_stdin_under_systemd
}

checks_offline_boot() {
  rig_poweroff
  local t0 t1
  t0=$(date +%s%N)
  rig_boot rig-offline --private-network || { fail offline-boot "container did not boot"; return; }
  until_true 60 is_active || true
  t1=$(date +%s%N)
  check offline-boot-ready "state $(prop ActiveState)" is_active
  echo "rig: offline: container start -> stampbox active $(( (t1 - t0) / 1000000 )) ms; unit start -> READY" \
    "$(unit_ms ExecMainStartTimestampMonotonic ActiveEnterTimestampMonotonic) ms" >&2
  local deps
  deps="$(prop After) $(prop Wants)"
  check no-network-online-dependency "After/Wants: $deps" not grep -q network-online <<<"$deps"
  start_scanner || true
  scan RIGOFFLINE01
  sleep 3
  rig_in systemctl stop stampbox
  rig_in stampbox-provision outbox >"$rig_run/outbox.log" 2>&1 || true
  sed 's/^/rig:   outbox: /' "$rig_run/outbox.log" >&2
  check offline-scan-buffered "outbox: $(tr '\n' ' ' <"$rig_run/outbox.log")" grep -q ': 1 pending' "$rig_run/outbox.log"
  rig_poweroff
  rig_boot rig || { fail reboot-with-network "container did not boot"; return; }
  check offline-scan-published-once-network-back "$(grep -c '"schema"' "$rig_run/scans.mqtt") published" \
    until_true 30 scans_published 6
}

checks_remove_purge() {
  rig_in dpkg -r stampbox >"$rig_run/remove.log" 2>&1 || fail remove "$(tail -2 "$rig_run/remove.log")"
  check remove-keeps-config-and-outbox "config or /var/lib/stampbox gone" \
    rig_in test -f /etc/stampbox/config.json -a -d /var/lib/stampbox
  check remove-leaves-no-enable-link "$(rig_in ls /etc/systemd/system/multi-user.target.wants/ | tr '\n' ' ')" \
    rig_in test ! -L /etc/systemd/system/multi-user.target.wants/stampbox.service
  rig_in dpkg -i /root/stampbox.deb >>"$rig_run/remove.log" 2>&1 || fail reinstall "$(tail -2 "$rig_run/remove.log")"
  check reinstall-enables-again "is-enabled: $(rig_in systemctl is-enabled stampbox || true)" \
    test "$(rig_in systemctl is-enabled stampbox || true)" = enabled
  rig_in dpkg -P stampbox >"$rig_run/purge.log" 2>&1 || fail purge "$(tail -2 "$rig_run/purge.log")"
  check purge-deletes "left: $(rig_in ls -d /etc/stampbox /var/lib/stampbox 2>/dev/null | tr '\n' ' ')" \
    rig_in test ! -e /etc/stampbox -a ! -e /var/lib/stampbox -a ! -L /etc/systemd/system/multi-user.target.wants/stampbox.service
}

checks_stdin_under_systemd() {
  rig_in stampbox-provision init --scanner-type stdin >"$rig_run/init-stdin.log" 2>&1 || true
  rig_in systemctl restart stampbox || true
  sleep 2
  journal >"$rig_run/journal-stdin.log"
  check stdin-scanner-refuses-under-systemd "journal: $(grep -E 'stdin|ready to scan' "$rig_run/journal-stdin.log" | tail -2 | tr '\n' ' ')" \
    sh -c "grep -q 'standard input is /dev/null (run by systemd)' '$rig_run/journal-stdin.log' \
      && ! tail -n 20 '$rig_run/journal-stdin.log' | grep -q 'stdin scanner on'"
  rig_in stampbox-provision init --scanner-type serial --scanner-port /dev/stampbox-scanner >>"$rig_run/init-stdin.log" 2>&1 || true
  rig_in systemctl restart stampbox || true
}

# Exit 75 (a setup scan asks for a restart) with a stand-in main process: the unit's own settings
# decide (SuccessExitStatus, RestartForceExitStatus); the daemon's exit 75 itself is Java-tested.
checks_exit_75() {
  local n0 pid
  printf '[Service]\nExecStart=\nExecStart=/bin/sh -c "systemd-notify --ready; sleep 1; exit 75"\n' \
    >"$rig_run/root/etc/systemd/system/stampbox.service.d/rig-exit75.conf"
  rig_in systemctl daemon-reload
  rig_in systemctl restart stampbox || true
  n0=$(prop NRestarts)
  pid=$(prop MainPID)
  local since
  since=$(rig_in date '+%Y-%m-%d %H:%M:%S')
  until_true 15 restarted "$((n0 + 1))" "$pid" || true
  rig_in rm "/etc/systemd/system/stampbox.service.d/rig-exit75.conf"
  rig_in systemctl daemon-reload
  rig_in journalctl -q --no-pager -o cat -u stampbox --since "$since" >"$rig_run/journal-exit75.log"
  check exit-75-restarts-as-success "NRestarts $(prop NRestarts) (was $n0); $(grep -c "Failed with result" "$rig_run/journal-exit75.log") failure lines" \
    sh -c "[ $(prop NRestarts) -gt $n0 ] && ! grep -q 'Failed with result' '$rig_run/journal-exit75.log'"
  rig_in systemctl reset-failed stampbox
  rig_in systemctl restart stampbox || true
}
