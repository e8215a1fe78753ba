#!/usr/bin/env python3
"""Footprint benchmark, driven by footprint.sh: runs the packaged jar through the launcher
(bin/stampbox-host) with the shipped JVM options and with the JVM's defaults, in the same run, and
prints a markdown table: start to first `accepted`, RSS (VmRSS) and peak RSS (VmHWM) after N scans with
the uplink connected, and the same with a million events buffered. Scanner: a socat pty; signals:
console (SIGNAL lines on stdout); uplink: a mosquitto started by footprint.sh.

Usage: footprint.py LAUNCHER BROKER_URL FILLED_DIR SCANS BUFFERED [NAME=OPTS ...]
OPTS: JVM options for STAMPBOX_JVM_FOOTPRINT; 'shipped' leaves it unset (the launcher's own), 'defaults'
sets it empty (the JVM's defaults).
"""
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024.0
    return fields


class Unit:
    """One daemon run: a socat pty as the scanner, the launcher as the process."""

    def __init__(self, launcher, opts, storage, broker, max_events=1_100_000, state=None):
        self.dir = tempfile.mkdtemp(prefix="stampbox-footprint-")
        self.dev = os.path.join(self.dir, "scanner")
        self.end = os.path.join(self.dir, "scanner-end")
        self.socat = subprocess.Popen(
            ["socat", f"pty,link={self.dev},rawer", f"pty,link={self.end},rawer"],
            stderr=subprocess.DEVNULL)
        while not (os.path.exists(self.dev) and os.path.exists(self.end)):
            time.sleep(0.01)
        config = os.path.join(self.dir, "config.json")
        with open(config, "w") as f:
            f.write('{"device": {"id": "footprint", "store": "bench"},'
                    f' "scanner": {{"type": "serial", "port": "{self.dev}", "baud": 115200}},'
                    f' "storage": {{"dir": "{storage}", "maxEvents": {max_events}}},'
                    ' "codes": {"cardPattern": "^CARD-(?<card>[0-9]+)$", "repeatWindowMs": 0},'
                    f' "mqtt": {{"url": "{broker}"}},'
                    ' "feedback": {"platform": "console"}}')
        env = dict(os.environ)
        env.pop("STAMPBOX_JVM_FOOTPRINT", None)   # None: the launcher's own (shipped) options
        if opts is not None:
            env["STAMPBOX_JVM_FOOTPRINT"] = opts
        env["STAMPBOX_JAVA_OPTS"] = "-XX:-UsePerfData"   # as the unit file sets it
        env["STAMPBOX_ALLOW_ROOT"] = "1"                # the benchmark may run as root; the service never does
        env.pop("STATE_DIRECTORY", None)
        if state is not None:   # as systemd's StateDirectory= sets it: the launcher's class data sharing
            env["STATE_DIRECTORY"] = state
        self.stderr_path = os.path.join(self.dir, "stderr")
        self.signals = queue.Queue()
        self.started = time.monotonic()
        self.proc = subprocess.Popen([launcher, "--config", config], env=env, stdout=subprocess.PIPE,
                                     stderr=open(self.stderr_path, "w"), stdin=subprocess.DEVNULL)
        threading.Thread(target=self._read, daemon=True).start()
        self.scanner = open(self.end, "wb", buffering=0)
        self.next = 0

    def _read(self):
        for line in self.proc.stdout:
            if line.startswith(b"SIGNAL "):
                self.signals.put((time.monotonic(), line.startswith(b"SIGNAL accepted")))

    def await_ready(self):
        while True:
            with open(self.stderr_path) as f:
                if "ready to scan" in f.read():
                    return
            if self.proc.poll() is not None:
                raise RuntimeError("unit exited: " + open(self.stderr_path).read()[-2000:])
            time.sleep(0.005)

    def scan(self):
        self.scanner.write(f"CARD-{self.next}\r\n".encode())
        self.next += 1
        when, accepted = self.signals.get(timeout=60)
        if not accepted:
            raise RuntimeError("a scan was not accepted")
        return when

    def first_accepted(self):
        """Seconds from process start to the first `accepted` (the scan is sent once ready)."""
        self.await_ready()
        return self.scan() - self.started

    def stop(self):
        self.proc.terminate()
        self.proc.wait(60)
        self.socat.kill()
        self.socat.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def prepare_cds(launcher, state, broker):
    """The launcher's AppCDS as under systemd: one start records the classes, the next dumps the archive."""
    for _ in range(2):
        storage = tempfile.mkdtemp(prefix="stampbox-footprint-data-")
        unit = Unit(launcher, None, storage, broker, state=state)
        try:
            unit.first_accepted()
            archive = os.path.join(state, "cds", "stampbox.jsa")
            deadline = time.monotonic() + 300
            while os.path.exists(os.path.join(state, "cds", "classes.lst")) and not os.path.exists(archive) \
                    and time.monotonic() < deadline and "DumpLoadedClassList" not in open(f"/proc/{unit.proc.pid}/cmdline").read():
                time.sleep(0.5)
        finally:
            unit.stop()
            shutil.rmtree(storage)
    print(f"AppCDS as shipped: {sorted(os.listdir(os.path.join(state, 'cds')))}", file=sys.stderr)


def train(launcher, opts, broker):
    """AppCDS on JDK 17: one run to the first `accepted` dumps the classes it loaded when it stops."""
    archive = opts.split("-XX:SharedArchiveFile=")[1].split()[0]
    if os.path.exists(archive):
        os.remove(archive)
    dump = opts.replace("-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit=")
    storage = tempfile.mkdtemp(prefix="stampbox-footprint-data-")
    unit = Unit(launcher, dump, storage, broker)
    try:
        unit.first_accepted()
        time.sleep(2)
    finally:
        unit.stop()
        shutil.rmtree(storage)
    print(f"AppCDS archive {archive}: {os.path.getsize(archive) // 1048576} MB", file=sys.stderr)


def hello(opts, jar=None):
    src = tempfile.mkdtemp(prefix="stampbox-hello-")
    with open(os.path.join(src, "Hello.java"), "w") as f:
        f.write('public class Hello { public static void main(String[] a) { System.out.println("hello"); } }')
    subprocess.run(["javac", "-d", src, os.path.join(src, "Hello.java")], check=True)
    times = []
    for _ in range(5):
        t = time.monotonic()
        cp = src if jar is None else jar + ":" + src   # the jar first: its index is read to look Hello up
        subprocess.run(["java"] + opts.split() + ["-cp", cp, "Hello"], check=True, stdout=subprocess.DEVNULL)
        times.append(time.monotonic() - t)
    shutil.rmtree(src)
    return statistics.median(times)


def main():
    launcher, broker, filled, scans = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    buffered = int(sys.argv[5])
    variants = [v.split("=", 1) for v in sys.argv[6:]]
    rows = []
    for name, opts in variants:
        state = None
        if opts == "systemd":   # shipped, with STATE_DIRECTORY as under systemd: AppCDS recorded and dumped first
            state = tempfile.mkdtemp(prefix="stampbox-footprint-state-")
            prepare_cds(launcher, state, broker)
        opts = {"shipped": None, "defaults": "", "systemd": None}.get(opts, opts)
        if opts is not None and "-XX:SharedArchiveFile=" in opts:
            train(launcher, opts, broker)
        starts = []
        for _ in range(3):
            storage = tempfile.mkdtemp(prefix="stampbox-footprint-data-")
            unit = Unit(launcher, opts, storage, broker, state=state)
            try:
                starts.append(unit.first_accepted())
            finally:
                unit.stop()
                shutil.rmtree(storage)
        storage = tempfile.mkdtemp(prefix="stampbox-footprint-data-")
        unit = Unit(launcher, opts, storage, broker, state=state)
        try:
            unit.await_ready()
            for _ in range(scans):
                unit.scan()
            time.sleep(5)   # the last publishes and a health report
            after_scans = status(unit.proc.pid)
        finally:
            unit.stop()
            shutil.rmtree(storage)
        storage = tempfile.mkdtemp(prefix="stampbox-footprint-data-")
        shutil.rmtree(storage)
        shutil.copytree(filled, storage)
        unit = Unit(launcher, opts, storage, broker, state=state)
        try:
            unit.await_ready()
            for _ in range(1000):
                unit.scan()
            time.sleep(20)  # draining the backlog to the broker meanwhile
            backlog = status(unit.proc.pid)
        finally:
            unit.stop()
            shutil.rmtree(storage)
        rows.append((name, opts, statistics.median(starts), after_scans, backlog))
        print(f"{name}: starts {[round(t * 1000) for t in starts]} ms, after scans {after_scans},"
              f" backlog {backlog}", file=sys.stderr, flush=True)
    bare = hello("-XX:-UsePerfData")
    jar = os.path.join(os.path.dirname(launcher), "..", "target", "stampbox-host.jar")
    with_jar = hello("-XX:-UsePerfData", jar)
    print(f"\nbare JVM 'hello' start (median of 5): {bare * 1000:.0f} ms; with the"
          f" {os.path.getsize(jar) / 1e6:.0f} MB jar first on the class path: {with_jar * 1000:.0f} ms\n")
    print(f"| JVM options | start → first `accepted` (median of 3) | × hello | RSS / peak after {scans:,} scans,"
          " uplink connected |"
          f" RSS / peak, {buffered:,} buffered + 1,000 scans, draining 20 s |")
    print("|---|---|---|---|---|")
    for name, opts, start, a, b in rows:
        label = f"{name} (`{opts}`)" if opts else name
        print(f"| {label} | {start * 1000:.0f} ms | {start / bare:.1f} | {a['VmRSS']:.0f} / {a['VmHWM']:.0f} MB"
              f" | {b['VmRSS']:.0f} / {b['VmHWM']:.0f} MB |")


if __name__ == "__main__":
    main()
