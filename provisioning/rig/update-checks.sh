# Sourced by run.sh: software updates end to end (issue 13, firmware-host/docs/updates.md). Needs the unit
# provisioned and running (checks_provisioned), the host's broker on $port, and pass/fail/check,
# rig_in/rig_boot, prop/until_true/scan/start_scanner/is_active from run.sh and checks.sh.
# Builds v2/v3/v4 packages from the same .deb (dpkg-deb -R, a higher Version; v3's daemon exits at once),
# serves them over HTTPS from the host (a CA the unit trusts through mqtt.tls.caFile), signs the orders
# with a fleet Ed25519 key made here, and sends cmd/update as stampbox-fleet would.

upd_topic=stampbox/v1/rig-1
upd_shared=/var/lib/stampbox/update

# upd_build NAME VERSION [exit-at-once]: a package with this version, in $rig_run/www/NAME.deb.
upd_build() {
  local tree="$rig_run/pkg-$1"
  rm -rf "$tree" && dpkg-deb -R "$deb" "$tree"
  sed -i "s/^Version: .*/Version: $2/" "$tree/DEBIAN/control"
  if [ "${3:-}" = exit-at-once ]; then
    printf '#!/bin/sh\necho "stampbox-host %s: exits at once (rig v3)" >&2\nexit 1\n' "$2" >"$tree/usr/bin/stampbox-host"
  elif [ "${3:-}" = no-broker ]; then # starts and scans, but its broker is not there: never proves it works
    mv "$tree/usr/bin/stampbox-host" "$tree/usr/share/stampbox/stampbox-host.orig"
    printf '#!/bin/sh\nsed "s#tcp://127.0.0.1:[0-9]*#tcp://127.0.0.1:9#" /etc/stampbox/config.json >/tmp/v6.json\nexec /usr/share/stampbox/stampbox-host.orig --config /tmp/v6.json\n' \
      >"$tree/usr/bin/stampbox-host"
    chmod 0755 "$tree/usr/bin/stampbox-host"
  fi
  dpkg-deb -Zgzip -b "$tree" "$rig_run/www/$1.deb" >/dev/null
}

# upd_order ID NAME VERSION [KEY] [FILE-SERVED]: publishes cmd/update for NAME.deb, signed with KEY.
upd_order() {
  local id=$1 name=$2 version=$3 key=${4:-$rig_run/fleet.key} served=${5:-$2}
  local file="$rig_run/www/${name#slow/}.deb" sha size sig
  sha=$(sha256sum "$file" | cut -d' ' -f1)
  size=$(stat -c %s "$file")
  printf 'stampbox-update\n%s\n%s\n%s\n' "$version" "$sha" "$size" >"$rig_run/signed-$id"
  sig=$(openssl pkeyutl -sign -inkey "$key" -rawin -in "$rig_run/signed-$id" | base64 -w0)
  mosquitto_pub -h 127.0.0.1 -p "$port" -q 1 -t "$upd_topic/cmd/update" -m "{\"id\": \"$id\", \"args\": {\"version\": \"$version\", \"url\": \"https://127.0.0.1:$upd_port/$served.deb\", \"sha256\": \"$sha\", \"size\": $size, \"signature\": \"$sig\", \"rollout\": \"rig\"}}"
}

upd_state() { tail -n 1 "$rig_run/update-state.mqtt" 2>/dev/null | cut -d' ' -f2-; }
# upd_state_is STATE [VERSION-SUFFIX]: the last update/state (of <v1>VERSION-SUFFIX when given).
upd_state_is() {
  upd_state | grep -q "\"state\":\"$1\"" && { [ -z "${2:-}" ] || upd_state | grep -q "^{\"version\":\"${upd_v1}$2\""; }
}
upd_result() { grep "\"id\":\"$1\"" "$rig_run/cmd-result.mqtt" 2>/dev/null | tail -n 1; }
installed() { rig_in dpkg-query -W -f='${Version}' stampbox 2>/dev/null; }
served() { grep -c "GET /$1.deb" "$rig_run/https.log" 2>/dev/null || true; }
has() { grep -q -- "$2" <<<"$1"; }
answered() { [ -n "$(upd_result "$1")" ]; }
helper_phase() { rig_in grep -qx "phase=$1" /var/lib/stampbox-update/state 2>/dev/null; }
dpkg_installing() { helper_phase installing && rig_in pgrep -x dpkg >/dev/null; }
helper_running() { [ "$(rig_in systemctl show -P ActiveState stampbox-update.service)" = active ]; }
helper_done() { not rig_in test -e /var/lib/stampbox-update/state; }
downloading() { upd_state | grep -q '"state":"downloading".*"bytes":[1-9]'; }
# power_cut: kill -9 of everything (the container's PID 1 and so every process in it), then boot again.
power_cut() {
  kill -KILL "$rig_leader"; wait "$rig_nspawn_pid" 2>/dev/null || true; rig_nspawn_pid=
  rig_boot rig || return 1
  [ "${1:-}" = no-scanner ] || start_scanner || true
}
codes_at_least() { [ "$(upd_codes)" -ge "$1" ]; }
# Distinct RIGUPD codes published, and seqs among them published more than once.
upd_codes() { grep -o 'RIGUPD[0-9]*' "$rig_run/scans.mqtt" | sort -u | wc -l; }
upd_dups() { grep 'RIGUPD' "$rig_run/scans.mqtt" | grep -o '"seq":[0-9]*' | sort | uniq -d | wc -l; }

upd_setup() {
  mkdir -p "$rig_run/www" "$rig_run/pki"
  local pki="$rig_run/pki"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$pki/ca.key" -out "$pki/ca.crt" \
    -subj /CN=rig-ca -days 2 2>/dev/null
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$pki/server.key" \
    -out "$pki/server.csr" -subj /CN=127.0.0.1 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' >"$pki/ext"
  openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
    -extfile "$pki/ext" -out "$pki/server.crt" 2>/dev/null
  openssl genpkey -algorithm ed25519 -out "$rig_run/fleet.key" 2>/dev/null
  openssl pkey -in "$rig_run/fleet.key" -pubout -out "$rig_run/fleet.pub"
  openssl genpkey -algorithm ed25519 -out "$rig_run/other.key" 2>/dev/null
  # A plain HTTPS file server with Range (python's http.server has none), logging each request.
  cat >"$rig_run/https.py" <<'EOF'
import http.server, os, re, ssl, sys
root, cert, key = sys.argv[1], sys.argv[2], sys.argv[3]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = os.path.join(root, os.path.basename(self.path))
        sys.stdout.write("GET %s %s\n" % (self.path, self.headers.get("Range"))); sys.stdout.flush()
        if not os.path.isfile(path):
            self.send_error(404); return
        data = open(path, "rb").read()
        m = re.match(r"bytes=(\d+)-$", self.headers.get("Range") or "")
        start = int(m.group(1)) if m else 0
        self.send_response(206 if m else 200)
        if m:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
        self.send_header("Content-Length", str(len(data) - start)); self.end_headers()
        if self.path.startswith("/slow/") and not m:  # 2 MB/s until resumed: time to cut the power
            import time
            for at in range(start, len(data), 65536):
                self.wfile.write(data[at:at + 65536]); time.sleep(0.03)
        else:
            self.wfile.write(data[start:])
    def log_message(self, *args):
        pass
def orphaned(parent=os.getppid()):  # ends with the rig, even when it is cut short
    import time
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)
import threading; threading.Thread(target=orphaned, daemon=True).start()
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
sys.stdout.write("PORT %d\n" % server.server_address[1]); sys.stdout.flush()
server.serve_forever()
EOF
  python3 -u "$rig_run/https.py" "$rig_run/www" "$pki/server.crt" "$pki/server.key" >"$rig_run/https.log" 2>&1 &
  upd_https_pid=$!
  until_true 5 grep -q '^PORT' "$rig_run/https.log" || return 1
  upd_port=$(sed -n 's/^PORT //p' "$rig_run/https.log")
  mosquitto_sub -h 127.0.0.1 -p "$port" -t "$upd_topic/update/state" -q 1 -v >"$rig_run/update-state.mqtt" 2>&1 &
  upd_sub_pids="$!"
  mosquitto_sub -h 127.0.0.1 -p "$port" -t "$upd_topic/cmd/result" -q 1 -v >"$rig_run/cmd-result.mqtt" 2>&1 &
  upd_sub_pids="$upd_sub_pids $!"
  # The unit: the fleet key, the test CA (the download's TLS), a short idle time and verification.
  # Outside /etc/stampbox, which purge must be able to remove (public files: world-readable is fine).
  mkdir -p "$rig_run/root/usr/local/share/stampbox-rig"
  cp "$pki/ca.crt" "$rig_run/root/usr/local/share/stampbox-rig/update-ca.crt"
  cp "$rig_run/fleet.pub" "$rig_run/root/usr/local/share/stampbox-rig/fleet.pub"
  python3 - "$rig_run/root/etc/stampbox/config.json" <<'EOF'
import json, sys
path = sys.argv[1]; config = json.load(open(path))
config.setdefault("mqtt", {}).setdefault("tls", {})["caFile"] = "/usr/local/share/stampbox-rig/update-ca.crt"
config.setdefault("setup", {})["publicKeyFile"] = "/usr/local/share/stampbox-rig/fleet.pub"
config["update"] = {"idleSeconds": 2, "verifySeconds": 30}
json.dump(config, open(path, "w"), indent=2)
EOF
  upd_build v2 "${upd_v1}+u2"
  upd_build v3 "${upd_v1}+u3" exit-at-once
  upd_build v4 "${upd_v1}+u4"
  upd_build v5 "${upd_v1}+u5"
  upd_build v6 "${upd_v1}+u6" no-broker
  cp "$rig_run/www/v2.deb" "$rig_run/www/tampered.deb"
  printf 'X' | dd of="$rig_run/www/tampered.deb" bs=1 seek=2000 conv=notrunc 2>/dev/null
  rig_in systemctl restart stampbox
}

checks_updates() {
  local t0; t0=$(date +%s)
  checks_updates_run
  echo "rig: software update checks took $(($(date +%s) - t0)) s" >&2
  kill "${upd_https_pid:-}" ${upd_sub_pids:-} 2>/dev/null || true
}

checks_updates_run() {
  upd_v1=$(installed)
  if ! is_active; then fail update-setup "stampbox is not running"; return; fi
  # After the offline checks' reboot the scanner is gone: the update checks scan, and a new version
  # proves itself only with its scanner open.
  rig_in test -e /dev/stampbox-scanner || start_scanner || { fail update-setup "no scanner pty"; return; }
  upd_setup || { fail update-setup "could not set up the HTTPS server, keys or packages"; return; }
  check update-helper-path-active "stampbox-update.path is $(rig_in systemctl is-active stampbox-update.path || true)" \
    test "$(rig_in systemctl is-active stampbox-update.path || true)" = active
  sleep 3 # the unit connects and subscribes to its commands

  # A wrong signature: refused at once, nothing downloaded.
  upd_order u-badsig v2 "${upd_v1}+u2" "$rig_run/other.key"
  until_true 15 answered u-badsig || true
  check update-wrong-signature-refused "result: $(upd_result u-badsig)" has "$(upd_result u-badsig)" 'bad signature' 
  check update-wrong-signature-nothing-downloaded "$(served v2) downloads" test "$(served v2)" = 0

  # A tampered package (the order names the genuine digest): downloaded, refused before install.
  upd_order u-tampered v2 "${upd_v1}+u2" "$rig_run/fleet.key" tampered
  until_true 30 upd_state_is failed +u2 || true
  check update-tampered-package-refused "state: $(upd_state)" has "$(upd_state)" '"state":"failed","reason":"digest mismatch' 
  check update-tampered-not-installed "installed $(installed)" test "$(installed)" = "$upd_v1"
  upd_sent=0

  upd_v3_reverted
  upd_v2_while_scanning
  upd_cut_installing
  upd_cut_downloading
  upd_cut_verifying
  upd_v6_cannot_publish
}

# v1 -> v2 while scans stream in: it waits for 5 s without a scan, nothing is lost.
upd_v2_while_scanning() {
  local i=0
  upd_order u-v2 v2 "${upd_v1}+u2"
  for i in $(seq 1 20); do scan "RIGUPD$(printf %04d "$i")"; upd_sent=$((upd_sent + 1)); sleep 0.3; done
  check update-waits-while-scanning "state after 6 s of scans: $(upd_state)" upd_state_is waiting-idle
  until_true 90 upd_state_is done +u2 || true
  check update-v2-done "state: $(upd_state)" upd_state_is done +u2
  check update-v2-installed "installed $(installed)" test "$(installed)" = "${upd_v1}+u2"
  for i in 21 22 23; do scan "RIGUPD00$i"; upd_sent=$((upd_sent + 1)); sleep 0.3; done
  until_true 20 codes_at_least "$upd_sent" || true
  check update-scans-all-published "$(upd_codes) of $upd_sent codes published" test "$(upd_codes)" = "$upd_sent"
  check update-every-seq-once "$(upd_dups) seqs published more than once" test "$(upd_dups)" = 0
  # Health is published again when an update ends, with the outcome.
  local health
  health=$(mosquitto_sub -h 127.0.0.1 -p "$port" -t "$upd_topic/health" -C 1 -W 5 2>/dev/null || true)
  check update-health-carries-last-update "health: $(grep -o '"lastUpdate":{[^}]*}' <<<"$health" || echo none)" \
    has "$health" "\"lastUpdate\":{\"version\":\"${upd_v1}+u2\",\"state\":\"done\""
  # v1 was put back from a rebuilt package: the configuration must have survived that and this upgrade.
  check update-config-kept "config: $(rig_in grep -c rig-1 /etc/stampbox/config.json) lines with rig-1" \
    rig_in grep -q '"rig-1"' /etc/stampbox/config.json

}

# v3 exits at once: the helper reverts it (to v1, a package it rebuilt from dpkg's records: v1 was
# installed by hand), marks it bad, the unit reports it and refuses it again.
upd_v3_reverted() {
  upd_order u-v3 v3 "${upd_v1}+u3"
  until_true 120 upd_state_is reverted +u3 || true
  check update-v3-reverted "state: $(upd_state)" upd_state_is reverted +u3
  check update-v3-back-on-v1 "installed $(installed), $(prop ActiveState)" \
    test "$(installed)" = "${upd_v1}" -a "$(prop ActiveState)" = active
  check update-v3-marked-bad "helper's list: $(rig_in cat /var/lib/stampbox-update/bad 2>&1)" \
    rig_in grep -qx "${upd_v1}+u3" /var/lib/stampbox-update/bad
  upd_order u-v3-again v3 "${upd_v1}+u3"
  until_true 15 answered u-v3-again || true
  check update-bad-version-refused "result: $(upd_result u-v3-again)" has "$(upd_result u-v3-again)" 'marked bad' 

}

# kill -9 of everything while dpkg installs v4: at boot the helper puts v2 back, with the outbox.
upd_cut_installing() {
  scan RIGUPD0034; upd_sent=$((upd_sent + 1))
  upd_order u-v4 v4 "${upd_v1}+u4"
  if until_true 90 dpkg_installing; then
    power_cut || { fail update-kill-reboot "container did not boot"; return; }
    until_true 120 helper_done || true
    until_true 60 is_active || true
    check update-kill-during-install-back-on-v2 "installed $(installed), $(prop ActiveState), dpkg --audit: $(rig_in dpkg --audit 2>&1 | head -3)" \
      test "$(installed)" = "${upd_v1}+u2" -a "$(prop ActiveState)" = active -a -z "$(rig_in dpkg --audit 2>&1)"
    until_true 30 upd_state_is reverted +u4 || true
    check update-kill-reported "state: $(upd_state)" has "$(upd_state)" 'interrupted while installing'
    scan RIGUPD0035; upd_sent=$((upd_sent + 1))
    until_true 30 codes_at_least "$upd_sent" || true
    check update-kill-outbox-kept "$(upd_codes) of $upd_sent codes published" test "$(upd_codes)" = "$upd_sent"
  else
    fail update-kill-during-install "never saw dpkg installing v4 (state: $(upd_state))"
  fi
}

# kill -9 of everything while v4 downloads: after the boot the daemon resumes with Range, installs it.
upd_cut_downloading() {
  upd_order u-v4-slow slow/v4 "${upd_v1}+u4"
  if until_true 60 downloading; then
    power_cut || { fail update-kill-reboot "container did not boot"; return; }
    until_true 120 upd_state_is done +u4 || true
    check update-kill-during-download-resumed "requests: $(grep 'slow/v4' "$rig_run/https.log" | tr '\n' ' ')" \
      grep -Eq 'GET /slow/v4.deb bytes=[1-9][0-9]*-' "$rig_run/https.log"
    check update-kill-during-download-then-done "installed $(installed), state: $(upd_state)" \
      test "$(installed)" = "${upd_v1}+u4" -a "$(prop ActiveState)" = active
  else
    fail update-kill-during-download "never saw v4 downloading (state: $(upd_state))"
  fi
}

# kill -9 of everything while v5 is being verified (the scanner away, so it cannot prove itself yet):
# at boot the helper waits again, the scanner comes, v5 proves itself: done.
upd_cut_verifying() {
  rig_in systemctl stop rig-scanner
  upd_order u-v5 v5 "${upd_v1}+u5"
  if until_true 90 helper_phase verifying; then
    power_cut no-scanner || { fail update-kill-reboot "container did not boot"; return; }
    until_true 10 helper_running || true
    check update-kill-during-verify-resumed "helper: $(rig_in systemctl show -P ActiveState stampbox-update.service)" \
      helper_running
    start_scanner || true
    until_true 60 upd_state_is done +u5 || true
    check update-kill-during-verify-then-done "installed $(installed), state: $(upd_state)" \
      test "$(installed)" = "${upd_v1}+u5" -a "$(upd_state | grep -c '"state":"done"')" = 1
  else
    fail update-kill-during-verify "never saw the helper verifying v5 (state: $(upd_state))"
  fi
}

# v6 starts and takes scans but cannot reach its broker: no proof within update.verifySeconds, reverted.
upd_v6_cannot_publish() {
  upd_order u-v6 v6 "${upd_v1}+u6"
  until_true 120 upd_state_is reverted +u6 || true
  check update-v6-no-proof-reverted "state: $(upd_state)" has "$(upd_state)" 'did not show it works within 30s'
  check update-v6-back-on-v5 "installed $(installed), $(prop ActiveState)" \
    test "$(installed)" = "${upd_v1}+u5" -a "$(prop ActiveState)" = active
  check update-v6-marked-bad "helper's list: $(rig_in cat /var/lib/stampbox-update/bad 2>&1)" \
    rig_in grep -qx "${upd_v1}+u6" /var/lib/stampbox-update/bad
}
