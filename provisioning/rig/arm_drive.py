#!/usr/bin/env python3
"""The rig's arm stage, one architecture (driven by arm.sh): runs the installed package's daemon in a
qemu-user chroot through its launcher (/usr/bin/stampbox-host, the shipped JVM options), a socat pty as
the scanner, console signals, the uplink to a mosquitto on the host's loopback (a chroot shares the
host's network). Measures, as firmware-host/bench/footprint.py does on x86: start to the first
`SIGNAL accepted` (median of STARTS, the scan written once the unit logs `ready to scan`), a bare
`java Hello` start in the same emulation (median of 5), and VmRSS / VmHWM of the emulated process
(qemu-user and the JVM together) after SCANS scans, 5 s after the last. Prints KEY=VALUE lines.

Usage: arm_drive.py ROOT BROKER_URL STORAGE_DIR STARTS SCANS LOGDIR
"""
import os
import queue
import statistics
import subprocess
import sys
import threading
import time

ENV = ["/usr/bin/env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
       "STAMPBOX_JAVA_OPTS=-XX:-UsePerfData", "STAMPBOX_ALLOW_ROOT=1"]


def status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024.0
    return fields


class Unit:
    def __init__(self, root, broker, storage, log):
        self.root = root
        self.log = log
        dev, end = "/run/rig-scanner", "/run/rig-scanner-end"
        self.socat = subprocess.Popen(["socat", f"pty,link={root}{dev},rawer,mode=666",
                                       f"pty,link={root}{end},rawer"], stderr=subprocess.DEVNULL)
        while not (os.path.exists(root + dev) and os.path.exists(root + end)):
            time.sleep(0.01)
        subprocess.run(["chroot", root, "sh", "-c", f"rm -rf {storage} && mkdir -p {storage}"], check=True)
        with open(f"{root}/etc/stampbox/config.json", "w") as f:
            f.write('{"device": {"id": "rig-arm", "store": "rig"},'
                    f' "scanner": {{"type": "serial", "port": "{dev}", "baud": 115200}},'
                    f' "storage": {{"dir": "{storage}"}},'
                    ' "codes": {"cardPattern": "^CARD-(?<card>[0-9]+)$", "repeatWindowMs": 0},'
                    f' "mqtt": {{"url": "{broker}"}},'
                    ' "feedback": {"platform": "console"}}')
        self.signals = queue.Queue()
        self.stderr = open(log, "w")
        self.started = time.monotonic()
        # chroot, env, the launcher (sh) and java all exec: one process, whose /proc status is the JVM's.
        self.proc = subprocess.Popen(["chroot", root] + ENV + ["/usr/bin/stampbox-host", "--config",
                                     "/etc/stampbox/config.json"], stdout=subprocess.PIPE, stderr=self.stderr,
                                     stdin=subprocess.DEVNULL)
        threading.Thread(target=self._read, daemon=True).start()
        self.scanner = open(root + end, "wb", buffering=0)
        self.next = 0

    def _read(self):
        for line in self.proc.stdout:
            if line.startswith(b"SIGNAL "):
                self.signals.put((time.monotonic(), line.decode().strip()))

    def await_ready(self, timeout=300):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(self.log) as f:
                if "ready to scan" in f.read():
                    return
            if self.proc.poll() is not None:
                raise RuntimeError("unit exited: " + open(self.log).read()[-1500:])
            time.sleep(0.02)
        raise RuntimeError("not ready to scan within %d s" % timeout)

    def scan(self):
        self.scanner.write(f"CARD-{self.next}\r\n".encode())
        self.next += 1
        when, line = self.signals.get(timeout=120)
        if not line.startswith("SIGNAL accepted"):
            raise RuntimeError("a scan was not accepted: " + line)
        return when

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.socat.kill()
        self.socat.wait()
        self.stderr.close()


def hello(root):
    times = []
    for _ in range(5):
        t = time.monotonic()
        subprocess.run(["chroot", root] + ENV[:4] + ["java", "-XX:-UsePerfData", "-cp", "/opt/rig-probe", "Hello"],
                       check=True, stdout=subprocess.DEVNULL)
        times.append(time.monotonic() - t)
    return statistics.median(times)


def main():
    root, broker, storage, starts, scans, logs = sys.argv[1:7]
    starts, scans = int(starts), int(scans)
    first = []
    for i in range(starts):
        unit = Unit(root, broker, storage, f"{logs}/daemon-start-{i}.log")
        try:
            unit.await_ready()
            first.append(unit.scan() - unit.started)
            print(f"SIGNAL_ACCEPTED start={i} ms={first[-1] * 1000:.0f}", flush=True)
        finally:
            unit.stop()
    unit = Unit(root, broker, storage, f"{logs}/daemon-scans.log")
    try:
        unit.await_ready()
        t = time.monotonic()
        for _ in range(scans):
            unit.scan()
        per_scan = (time.monotonic() - t) / max(scans, 1)
        time.sleep(5)
        rss = status(unit.proc.pid)
    finally:
        unit.stop()
    bare = hello(root)
    start = statistics.median(first)
    print(f"FIRST_ACCEPTED_MS={start * 1000:.0f} STARTS_MS={','.join(str(round(s * 1000)) for s in first)}")
    print(f"HELLO_MS={bare * 1000:.0f} RATIO={start / bare:.1f}")
    print(f"SCANS={scans} SCAN_MS={per_scan * 1000:.0f} RSS_MB={rss['VmRSS']:.0f} HWM_MB={rss['VmHWM']:.0f}")


if __name__ == "__main__":
    main()
