package io.stampbox.ingest;

import io.stampbox.outbox.StoredEvent;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a timed test: a benchmark, run on demand with {@code bash provisioning/bench/fleet-sim.sh} (see
 * firmware-host/docs/benchmarks.md, "Fleet simulation").
 *
 * <p>For each broker setup ({@link SimTarget}): N simulated units in this JVM ({@link SimFleet}: the real uplink,
 * drainer and fleet agent each), {@code stampbox-ingest run} child processes on one shared subscription into a fresh
 * PostgreSQL database. Measures the units' boot, heap and threads per unit, the configuration fan-out (push of one
 * retained fleet document → each unit's {@code config/reported}: p50, p99, max) and a reconnect storm: the units'
 * the units' network is cut ({@link OutageProxy}), every unit buffers B scans, the network comes back; time until every unit is connected, until every
 * outbox is drained (broker PUBACKs) and until every event is in PostgreSQL, with the brokers' peak CPU from /proc.
 * Results are appended to target/fleet-sim.md.
 */
@EnabledIfSystemProperty(named = "stampbox.benchmark", matches = "true")
@BrokerTest
@ProcessTest
@SlowTest
class FleetSimBenchmark {

    private static final int UNITS = Integer.getInteger("stampbox.benchmark.units", 2000);
    private static final int BACKLOG = Integer.getInteger("stampbox.benchmark.backlog", 1000);
    private static final int ROUNDS = Integer.getInteger("stampbox.benchmark.rounds", 3);
    private static final int CONSUMERS = Integer.getInteger("stampbox.benchmark.consumers", 2);
    private static final String BROKERS = System.getProperty("stampbox.benchmark.brokers", "mosquitto,nats");
    /**
     * The ingests' heap. The launcher sets none (the JVM's default, a quarter of RAM); the tests' 128 MB ran out in a
     * 2,000-unit storm (Prefixes.walk holds up to 1,000 seqs per unit touched by a batch).
     */
    private static final String INGEST_XMX = "-Xmx" + System.getProperty("stampbox.benchmark.ingestXmx", "1g");
    private static final int OUTAGE_SECONDS = Integer.getInteger("stampbox.benchmark.outageSeconds", 10);
    private static final Duration TIMEOUT = Duration.ofMinutes(Integer.getInteger("stampbox.benchmark.timeoutMinutes", 40));

    @TempDir
    Path dir;


    @Test
    void fleetSimulation() throws Exception {
        line(String.format(Locale.ROOT, "%n### %s: %,d units, %,d buffered scans each, %d ingest consumer(s)%n", Instant.now(),
                UNITS, BACKLOG, CONSUMERS));
        line("JVM " + System.getProperty("java.version") + " " + ManagementFactory.getRuntimeMXBean().getInputArguments()
                + ", " + Runtime.getRuntime().availableProcessors() + " cores; load average at start " + load() + "\n");
        try {
            for (String name : BROKERS.split(",")) {
                run(name.trim());
            }
        } finally {
            line("\nload average at end " + load() + "\n");
        }
    }

    /** One line of results, at once to stdout and to target/fleet-sim.md (a long run shows its progress there). */
    private static void line(String text) throws java.io.IOException {
        System.out.println(text);
        Files.writeString(Path.of("target", "fleet-sim.md"), text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private void run(String name) throws Exception {
        Path base = Files.createDirectories(dir.resolve(name));
        try (TestDatabase db = new TestDatabase(); SimTarget target = SimTarget.of(name, base);
                OutageProxy proxy = new OutageProxy(target.unitPorts())) {
            line("#### " + target.name() + "\n");
            List<IngestProcess> ingests = new ArrayList<>();
            try {
                for (int i = 0; i < CONSUMERS; i++) {
                    ingests.add(IngestProcess.start(base, "ingest-" + i, List.of(INGEST_XMX), "--url", target.ingestUrl(), "--db", db.url(),
                            "--root", SimFleet.ROOT, "--group", "fleetsim", "--client-id", "fleetsim-" + i, "--session-expiry", "86400"));
                }
                for (IngestProcess p : ingests) {
                    Eventually.until("ingest consuming", Duration.ofSeconds(60), p::consuming, p::log);
                }
                simulate(target, proxy, db, ingests, base);
            } finally {
                for (IngestProcess p : ingests) {
                    p.close();
                }
            }
        }
    }

    private void simulate(SimTarget target, OutageProxy proxy, TestDatabase db, List<IngestProcess> ingests, Path base)
            throws Exception {
        List<Integer> ports = target.unitPorts();
        long heap0 = heapAfterGc();
        int threads0 = ManagementFactory.getThreadMXBean().getThreadCount();
        long rss0 = rssBytes();
        long bootStart = System.nanoTime();
        // The admin subscribes first: it sees each unit's first report as it comes, not 2,000 retained ones at once.
        try (ReportedWatcher admin = new ReportedWatcher(target.adminUrl(), SimFleet.ROOT);
                SimFleet fleet = SimFleet.start(base.resolve("units"), UNITS,
                        i -> proxy.url(ports.get(i % ports.size())), target.protocol())) {
            waitFor("every unit connected and reported its boot configuration", 500,
                    () -> fleet.connected() == UNITS && admin.reportedAtLeast(0) == UNITS,
                    () -> fleet.connected() + " connected, " + admin.reportedAtLeast(0) + " reported");
            double boot = seconds(bootStart);
            long heap = heapAfterGc() - heap0;
            int threads = ManagementFactory.getThreadMXBean().getThreadCount() - threads0;
            long rss = rssBytes() - rss0;
            line(String.format(Locale.ROOT, "%,d units started, connected and reported their boot configuration after %.1f s; "
                    + "heap after GC +%.1f MB (%.1f KB per unit), +%,d threads (%.1f per unit), the JVM's RSS +%.0f MB (%.0f KB per "
                    + "unit: heap, thread stacks, native)%n", UNITS, boot, heap / 1e6, heap / 1e3 / UNITS, threads,
                    threads / (double) UNITS, rss / 1e6, rss / 1e3 / UNITS));
            line("| fleet document push | p50 to `reported` | p99 | max (all reported) | broker CPU peak (% of a core) | broker CPU total |");
            line("|---|---|---|---|---|---|");
            for (long version = 1; version <= ROUNDS; version++) {
                fanOut(target, admin, version);
            }
            storm(target, proxy, fleet, db, ingests);
        }
    }

    private void fanOut(SimTarget target, ReportedWatcher admin, long version) throws Exception {
        long t0;
        try (ProcCpu cpu = new ProcCpu("brokers", target::brokerPids)) {
            t0 = admin.pushFleet(SimFleet.ROOT, version);
            long v = version;
            waitFor("every unit reported version " + version, 200, () -> admin.reportedAtLeast(v) == UNITS,
                    () -> admin.reportedAtLeast(v) + " did");
            Thread.sleep(1100); // one more CPU sample after the last report
            List<Double> d = admin.delays(version, t0);
            line(String.format(Locale.ROOT, "| version %d | %.2f s | %.2f s | %.2f s | %.0f %% | %.1f s |", version,
                    ReportedWatcher.quantile(d, 0.5), ReportedWatcher.quantile(d, 0.99), d.get(d.size() - 1),
                    cpu.peakPercent(), cpu.totalSeconds()));
        }
    }

    private void storm(SimTarget target, OutageProxy proxy, SimFleet fleet, TestDatabase db, List<IngestProcess> ingests)
            throws Exception {
        long expected = (long) UNITS * BACKLOG;
        List<List<StoredEvent>> backlogs = fleet.backlogs(BACKLOG);
        long cut = System.nanoTime();
        proxy.cut();
        fleet.buffer(backlogs);
        backlogs = null;
        Thread.sleep(Math.max(0, OUTAGE_SECONDS * 1000L - (System.nanoTime() - cut) / 1_000_000));
        List<Long> ingestPids = ingests.stream().map(IngestProcess::pid).toList();
        try (ProcCpu brokers = new ProcCpu("brokers", target::brokerPids); ProcCpu bridge = new ProcCpu("bridge", target::bridgePids);
                ProcCpu ingest = new ProcCpu("ingest", () -> ingestPids)) {
            long t0 = System.nanoTime();
            proxy.restore();
            waitFor("every unit connected again", 250, () -> fleet.connected() == UNITS, () -> fleet.connected() + " connected");
            double connected = seconds(t0);
            waitFor("every outbox drained", 250, () -> fleet.drained() == UNITS,
                    () -> fleet.drained() + " drained, " + fleet.pending() + " events pending");
            double drained = seconds(t0);
            waitFor(expected + " events stored", 2000, () -> alive(ingests) && db.count("SELECT count(*) FROM stampbox_event") >= expected,
                    () -> db.count("SELECT count(*) FROM stampbox_event") + " stored");
            double stored = seconds(t0);
            line(String.format(Locale.ROOT, "%nReconnect storm: the units' network cut for %d s (every connection closed, "
                    + "connects refused), %,d units × %,d buffered scans = %,d events, then the network back; times from then:%n",
                    OUTAGE_SECONDS, UNITS, BACKLOG, expected));
            line("| every unit connected | every outbox drained (PUBACKed) | every event in PostgreSQL | ingest events/s "
                    + "(first → last commit) | brokers' CPU peak / total | bridge CPU peak / total | ingests' CPU total |");
            line("|---|---|---|---|---|---|---|");
            line(String.format(Locale.ROOT, "| %.1f s | %.1f s | %.1f s | %,.0f | %.0f %% / %.0f s | %s | %.0f s |", connected, drained,
                    stored, commitRate(db, expected), brokers.peakPercent(), brokers.totalSeconds(), target.bridgePids().isEmpty() ? "—"
                    : String.format(Locale.ROOT, "%.0f %% / %.0f s", bridge.peakPercent(), bridge.totalSeconds()), ingest.totalSeconds()));
        }
        line("\n" + verify(db, expected));
    }

    /** True while every ingest runs; fails the benchmark at once when one died (its log's last lines in the message). */
    private static boolean alive(List<IngestProcess> ingests) {
        for (IngestProcess p : ingests) {
            if (!p.alive()) {
                String log = p.log();
                throw new AssertionError("an ingest died: " + log.substring(Math.max(0, log.length() - 3000)));
            }
        }
        return true;
    }

    /** Events ÷ (last − first transaction start), from the rows' {@code received_at}, as {@link IngestBenchmark} does. */
    private static double commitRate(TestDatabase db, long events) throws Exception {
        try (Connection c = db.open(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT extract(epoch FROM max(received_at) - min(received_at)) FROM stampbox_event")) {
            r.next();
            return events / Math.max(r.getDouble(1), 1e-3);
        }
    }

    /** Every event once, every unit's prefix complete. */
    private static String verify(TestDatabase db, long expected) throws Exception {
        try (Connection c = db.open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT (SELECT count(*) FROM stampbox_event), (SELECT count(DISTINCT device_id) FROM stampbox_event),"
                + " min(stored_through), max(max_seq), sum(duplicates), sum(conflicts) FROM stampbox_unit")) {
            r.next();
            String line = String.format(Locale.ROOT, "Checked in PostgreSQL: %,d events from %,d units, stored_through %d..%d, "
                    + "duplicates %d, conflicts %d.", r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6));
            if (r.getLong(1) != expected || r.getLong(2) != UNITS || r.getLong(3) != BACKLOG || r.getLong(6) != 0) {
                throw new AssertionError("the storm's events are not all stored exactly once: " + line);
            }
            return line;
        }
    }

    /** Polls every {@code everyMs} (a count over millions of rows is not free) until the condition holds or TIMEOUT. */
    private static void waitFor(String what, long everyMs, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what + ": " + state.get());
            }
            Thread.sleep(everyMs);
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(0);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
