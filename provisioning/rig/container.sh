# Sourced by run.sh: one systemd-nspawn container at a time, systemd as PID 1, on an overlay of the
# cached root file system (the cache stays clean; the overlay keeps the install across reboots).
# Needs: $rig_run (a work directory), $rig_image (the cached root file system).

rig_nspawn_pid=
rig_leader=

# Mounts the overlay once per run.
rig_mount() {
  mkdir -p "$rig_run/upper" "$rig_run/work" "$rig_run/root"
  mount -t overlay overlay -o "lowerdir=$rig_image,upperdir=$rig_run/upper,workdir=$rig_run/work" "$rig_run/root"
}

# rig_boot NAME [nspawn options...]: boots the container and waits until its systemd has finished
# starting up (or degraded). Prints nothing; the console goes to $rig_run/NAME.console.
rig_boot() {
  local name=$1; shift
  systemd-nspawn --quiet --register=no --keep-unit --console=passive -D "$rig_run/root" -M "$name" "$@" -b \
    >"$rig_run/$name.console" 2>&1 &
  rig_nspawn_pid=$!
  rig_leader=
  local i
  for i in $(seq 1 200); do
    rig_leader=$(pgrep -P "$rig_nspawn_pid" -x systemd || true)
    [ -n "$rig_leader" ] && break
    kill -0 "$rig_nspawn_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$rig_leader" ]; then
    echo "rig: the container did not start; console:" >&2
    tail -20 "$rig_run/$name.console" >&2
    return 1
  fi
  for i in $(seq 1 600); do
    case $(rig_in systemctl is-system-running 2>/dev/null || true) in
      running|degraded) return 0 ;;
    esac
    sleep 0.1
  done
  echo "rig: the container's systemd did not finish starting within 60 s" >&2
  return 1
}

# rig_in CMD...: runs a command inside the booted container (all its namespaces, a clean environment).
rig_in() {
  nsenter --target "$rig_leader" --mount --uts --ipc --net --pid --cgroup --root --wd=/ \
    /usr/bin/env -i -C / PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"
}

# Powers the container off and waits for nspawn to exit.
rig_poweroff() {
  [ -n "$rig_nspawn_pid" ] || return 0
  kill -RTMIN+4 "$rig_leader" 2>/dev/null || true   # systemd: poweroff
  local i
  for i in $(seq 1 300); do
    kill -0 "$rig_nspawn_pid" 2>/dev/null || { rig_nspawn_pid=; return 0; }
    sleep 0.1
  done
  kill -KILL "$rig_nspawn_pid" 2>/dev/null || true
  wait "$rig_nspawn_pid" 2>/dev/null || true
  rig_nspawn_pid=
}

rig_cleanup() {
  rig_poweroff
  if mountpoint -q "$rig_run/root" 2>/dev/null; then umount "$rig_run/root" || umount -l "$rig_run/root" || true; fi
  if [ -n "${rig_broker_pid:-}" ]; then kill "$rig_broker_pid" 2>/dev/null || true; fi
  if [ -n "${rig_sub_pid:-}" ]; then kill "$rig_sub_pid" 2>/dev/null || true; fi
  if [ "${STAMPBOX_RIG_KEEP:-0}" != 1 ]; then rm -rf "$rig_run"; fi
}
