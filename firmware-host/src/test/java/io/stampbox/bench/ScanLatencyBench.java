package io.stampbox.bench;

import io.stampbox.testing.Await;
import io.stampbox.testing.PtyPair;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Issue 2's benchmark: last byte of a frame written to a pty, to the {@code accepted} line on the
 * unit's stdout, with the durable commit in between; and the bytes the unit writes to disk per scan
 * ({@code write_bytes} of {@code /proc/<pid>/io}). Runs the packaged jar as a child, as on a Pi.
 *
 * <p>Usage: {@code bash firmware-host/bench/scan-latency.sh [scans]}.
 */
public final class ScanLatencyBench {

    private record Phase(String name, double[] latenciesMs, long bytesWritten, int scans) {}

    private final BlockingQueue<long[]> signals = new LinkedBlockingQueue<>();
    private final PtyPair pty;
    private final Process unit;
    private int nextCard;

    private ScanLatencyBench(PtyPair pty, Process unit) {
        this.pty = pty;
        this.unit = unit;
    }

    public static void main(String[] args) throws Exception {
        int scans = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path jar = Path.of(args.length > 1 ? args[1] : "firmware-host/target/stampbox-host.jar");
        Path dir = Files.createTempDirectory("stampbox-bench");
        try (PtyPair pty = PtyPair.start(dir)) {
            Path config = dir.resolve("config.json");
            Files.writeString(config, """
                    {"device": {"id": "bench", "store": "bench"},
                     "scanner": {"type": "serial", "port": "%s", "baud": 115200},
                     "storage": {"dir": "%s"},
                     "codes": {"cardPattern": "^CARD-(?<card>[0-9]+)$", "repeatWindowMs": 0},
                     "feedback": {"platform": "console"}}
                    """.formatted(pty.devicePath(), dir.resolve("data")));
            // --allow-root: benchmarks run as root on the build box; the daemon refuses root otherwise.
            Process unit = new ProcessBuilder("java", "-jar", jar.toString(), "--config", config.toString(),
                    "--allow-root").redirectError(dir.resolve("unit.stderr").toFile()).start();
            try {
                new ScanLatencyBench(pty, unit).run(scans, dir);
            } finally {
                unit.destroy();
                unit.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private void run(int scans, Path dir) throws Exception {
        Thread reader = new Thread(this::readSignals, "bench-stdout");
        reader.setDaemon(true);
        reader.start();
        awaitReady(dir.resolve("unit.stderr"));
        paced(200, 5);
        List<Phase> phases = new ArrayList<>();
        phases.add(measure("counter pace (one scan, wait for its signal, 20 ms gap)", scans, () -> paced(scans, 20)));
        phases.add(measure("burst 50 scans/s", scans, () -> burst(scans, 20_000_000L)));
        phases.add(measure("burst 200 scans/s", scans, () -> burst(scans, 5_000_000L)));
        print(phases, scans);
    }

    private interface Load {
        double[] run() throws Exception;
    }

    private Phase measure(String name, int scans, Load load) throws Exception {
        long before = writeBytes();
        double[] latencies = load.run();
        return new Phase(name, latencies, writeBytes() - before, scans);
    }

    private double[] paced(int scans, long gapMs) throws Exception {
        double[] latencies = new double[scans];
        for (int i = 0; i < scans; i++) {
            long sent = send();
            latencies[i] = (awaitAccepted() - sent) / 1e6;
            Thread.sleep(gapMs);
        }
        return latencies;
    }

    private double[] burst(int scans, long intervalNanos) throws Exception {
        long[] sent = new long[scans];
        long start = System.nanoTime();
        for (int i = 0; i < scans; i++) {
            long due = start + i * intervalNanos;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            sent[i] = send();
        }
        double[] latencies = new double[scans];
        for (int i = 0; i < scans; i++) {
            latencies[i] = (awaitAccepted() - sent[i]) / 1e6;
        }
        return latencies;
    }

    private long send() throws IOException {
        pty.write(("CARD-" + (nextCard++) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return System.nanoTime();
    }

    private long awaitAccepted() throws InterruptedException {
        long[] signal = signals.poll(30, TimeUnit.SECONDS);
        if (signal == null) {
            throw new IllegalStateException("no signal within 30 s");
        }
        if (signal[1] != 1) {
            throw new IllegalStateException("a scan was not accepted");
        }
        return signal[0];
    }

    private void readSignals() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(unit.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                long at = System.nanoTime();
                if (line.startsWith("SIGNAL ")) {
                    signals.add(new long[] {at, line.startsWith("SIGNAL accepted") ? 1 : 0});
                }
            }
        } catch (IOException e) {
            // the unit stopped
        }
    }

    private long writeBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + unit.pid() + "/io"))) {
            if (line.startsWith("write_bytes:")) {
                return Long.parseLong(line.substring("write_bytes:".length()).trim());
            }
        }
        throw new IOException("no write_bytes in /proc/" + unit.pid() + "/io");
    }

    private void awaitReady(Path stderr) {
        Await.until("the unit to be ready to scan", Duration.ofSeconds(60), Duration.ofMillis(50), () -> {
            if (!unit.isAlive()) {
                throw new IllegalStateException("unit exited: " + Files.readString(stderr));
            }
            return Files.readString(stderr).contains("ready to scan");
        }, () -> stderr.toString());
    }

    private static void print(List<Phase> phases, int scans) {
        System.out.printf("%n%d scans per phase; latency = last byte written to the pty -> 'SIGNAL accepted' read%n%n", scans);
        System.out.println("| load | p50 ms | p99 ms | max ms | bytes written per scan |");
        System.out.println("|---|---|---|---|---|");
        for (Phase p : phases) {
            double[] sorted = p.latenciesMs().clone();
            Arrays.sort(sorted);
            System.out.printf("| %s | %.2f | %.2f | %.2f | %d |%n", p.name(), percentile(sorted, 50),
                    percentile(sorted, 99), sorted[sorted.length - 1], p.bytesWritten() / p.scans());
        }
    }

    private static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(sorted.length * p / 100.0) - 1;
        return sorted[Math.max(0, Math.min(rank, sorted.length - 1))];
    }
}
