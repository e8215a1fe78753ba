package io.stampbox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.Await;
import io.stampbox.testing.ProcessTest;
import io.stampbox.wire.ScanEvent;
import io.stampbox.outbox.MapDbOutbox;
import io.stampbox.outbox.StoredEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** outbox against a real MapDB outbox written by the unit's own class. */
class OutboxCommandTest {

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path config() throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"device": {"id": "till-1", "store": "bakery-7"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "%s"}, "codes": {"cardPattern": "^C(?<card>.+)$"}, "feedback": {"platform": "none"}}
                """.formatted(dir.resolve("data")));
        return config;
    }

    private static byte[] event(long seq) {
        return new ScanEvent(ScanEvent.SCHEMA, "0190-" + seq, "till-1", "bakery-7", seq, ScanEvent.KIND_STAMP,
                "card" + seq, "CARD-" + seq, "qr", "2026-11-25T12:00:0" + seq + "Z", true, 0, null).toJson();
    }

    private void fill(int events, long acknowledged) throws Exception {
        try (MapDbOutbox outbox = MapDbOutbox.open(dir.resolve("data/outbox"), 1000, Clock.systemUTC())) {
            List<StoredEvent> batch = new ArrayList<>();
            for (long seq = 1; seq <= events; seq++) {
                batch.add(new StoredEvent(seq, event(seq)));
            }
            outbox.append(batch, Map.of());
            outbox.acknowledgeThrough(acknowledged);
        }
    }

    private int outbox(Path export) throws IOException {
        return OutboxCommand.run(new OutboxPlan(config(), export), Path.of("/proc"),
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void showsDepthOldestAndNewestWithoutTouchingTheStore() throws Exception {
        fill(5, 2);
        String before = digest(dir.resolve("data/outbox"));
        assertEquals(0, outbox(null), err.toString());
        assertTrue(out.toString().contains(": 3 pending, next seq 6"), out.toString());
        assertTrue(out.toString().contains("oldest: seq 3 scanned 2026-11-25T12:00:03Z, event 0190-3"), out.toString());
        assertTrue(out.toString().contains("newest: seq 5 scanned 2026-11-25T12:00:05Z"), out.toString());
        assertEquals(before, digest(dir.resolve("data/outbox")), "the unit's store is unchanged");
    }

    @Test
    void exportsEveryPendingEventAsAJsonLine() throws Exception {
        fill(5, 2);
        Path export = dir.resolve("pending.jsonl");
        assertEquals(0, outbox(export), err.toString());
        List<String> lines = Files.readAllLines(export);
        assertEquals(3, lines.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(3 + i, ScanEvent.fromJson(lines.get(i).getBytes()).seq());
        }
        assertTrue(err.toString().contains("exported 3 events"), err.toString());
    }

    @Test
    void exportToStdoutWritesJsonLinesOnlyAndTheSummaryToStderr() throws Exception {
        fill(5, 2);
        assertEquals(0, outbox(Path.of("-")), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        for (int i = 0; i < 3; i++) {
            assertEquals(3 + i, ScanEvent.fromJson(lines.get(i).getBytes()).seq(), "every stdout line is an event");
        }
        assertTrue(err.toString().contains("3 pending") && err.toString().contains("exported 3 events"), err.toString());
    }

    @Test
    @ProcessTest
    void refusesWhileAnotherProcessHoldsTheStore() throws Exception {
        fill(1, 0);
        Path held;
        try (Stream<Path> files = Files.walk(dir.resolve("data/outbox"))) {
            held = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Process holder = new ProcessBuilder("sh", "-c", "exec sleep 30 < '" + held + "'").start();
        try {
            Await.until("the holder to open " + held, Duration.ofSeconds(5),
                    () -> !OutboxUsers.holding(dir.resolve("data/outbox"), Path.of("/proc")).isEmpty());
            assertEquals(1, outbox(null));
            assertTrue(err.toString().contains("storage.dir " + dir.resolve("data") + " is in use by process "
                    + holder.pid()), err.toString());
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    /** The tool on the storage.dir of a real running daemon (which holds the lock, pid inside). */
    @Test
    void refusesTheStorageDirOfARunningUnit() throws Exception {
        fill(1, 0);
        Process unit = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.stampbox.app.Main", "--config", config().toString(),
                "--allow-root").redirectErrorStream(true).redirectOutput(dir.resolve("unit.log").toFile()).start();
        try {
            Path lock = dir.resolve("data/.lock");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!(Files.exists(lock) && Files.readString(lock).trim().equals(String.valueOf(unit.pid())))) {
                assertTrue(System.nanoTime() < deadline && unit.isAlive(), Files.readString(dir.resolve("unit.log")));
                Thread.sleep(20);
            }
            String before = digest(dir.resolve("data/outbox"));
            assertEquals(1, outbox(Path.of("-")));
            assertEquals("✗ storage.dir " + dir.resolve("data") + " is in use by process " + unit.pid()
                    + ": --export reads the store itself and needs the service stopped: systemctl stop stampbox, then"
                    + " run this again (without --export the summary works on a running unit)", err.toString().strip());
            assertEquals("", out.toString());
            while (!Files.exists(dir.resolve("data/run/state.json"))) { // the unit's live view
                assertTrue(System.nanoTime() < deadline && unit.isAlive(), Files.readString(dir.resolve("unit.log")));
                Thread.sleep(20);
            }
            assertEquals(0, outbox(null), err.toString());
            assertEquals("outbox " + dir.resolve("data/outbox") + " (the unit is running; from its live view "
                    + dir.resolve("data/run/state.json") + "): 1 pending, oldest seq 1 scanned", out.toString()
                    .substring(0, out.toString().indexOf(" scanned") + 8));
            assertEquals(before, digest(dir.resolve("data/outbox")));
        } finally {
            unit.destroyForcibly();
            unit.waitFor();
        }
        assertEquals(0, outbox(null), err.toString());
    }

    @Test
    void aMissingOutboxIsSaid() throws Exception {
        assertEquals(1, outbox(null));
        assertTrue(err.toString().contains("no outbox at"), err.toString());
    }

    private static String digest(Path dir) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(file.toString().getBytes());
                sha.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
