package io.stampbox.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;

/**
 * Two ingest processes (real JVMs) on one shared subscription; one is killed with SIGKILL mid-stream and
 * started again with its client id. The database must end with every event exactly once, and no
 * acknowledgement may ever have run ahead of the database (checked the moment each ack arrives).
 */
@BrokerTest
@ProcessTest
@SlowTest
class IngestKillTest {

    private static final String ROOT = "kill/v1";
    private static final int UNITS = 6;
    private static final int PER_UNIT = 300;
    private static final int TOTAL = UNITS * PER_UNIT;

    @TempDir
    Path dir;

    @Test
    void aKilledIngestLosesNothingAndStoresNothingTwice() throws Exception {
        try (TestDatabase db = new TestDatabase(); MosquittoBroker broker = MosquittoBroker.builder(dir).start()) {
            String[] a = args(broker, db, "ingest-a");
            IngestProcess first = IngestProcess.start(dir, "a", a);
            IngestProcess second = IngestProcess.start(dir, "b", args(broker, db, "ingest-b"));
            IngestProcess restarted = null;
            try (AckWatcher acks = new AckWatcher(broker.url(), ROOT, db)) {
                Eventually.until("both ingests subscribed", Duration.ofSeconds(30), () -> first.consuming() && second.consuming(),
                        () -> first.log() + second.log());
                long t0 = System.nanoTime();
                AtomicLong published = new AtomicLong();
                AtomicReference<Throwable> failed = new AtomicReference<>();
                Thread publisher = new Thread(() -> publish(broker.url(), published, failed), "units");
                publisher.start();

                Eventually.until("a quarter stored", Duration.ofSeconds(60), () -> stored(db) >= TOTAL / 4, () -> "stored " + stored(db));
                assertTrue(publisher.isAlive(), "the stream ended before the kill: not mid-stream");
                first.kill();
                long atKill = stored(db);
                long killedMs = (System.nanoTime() - t0) / 1_000_000;
                publisher.join(120_000);
                assertEquals(null, failed.get());
                long beforeRestart = stored(db);
                long publishedMs = (System.nanoTime() - t0) / 1_000_000;
                restarted = IngestProcess.start(dir, "a-again", a);
                IngestProcess again = restarted;
                Eventually.until("every event stored and acknowledged", Duration.ofSeconds(90),
                        () -> stored(db) == TOTAL && db.count("SELECT count(*) FROM stampbox_unit WHERE settled_through = ?", (long) PER_UNIT) == UNITS,
                        () -> "stored " + stored(db) + "\n" + again.log() + second.log());
                Eventually.until("the last acks seen", Duration.ofSeconds(30), () -> acked(acks) == UNITS, () -> "acked " + acked(acks));
                System.out.printf("kill test: stored %d at the SIGKILL (%d ms), %d before the restart (%d ms), %d at the end (%d ms);"
                        + " %d acks checked%n", atKill, killedMs, beforeRestart, publishedMs, stored(db), (System.nanoTime() - t0) / 1_000_000,
                        acks.checked());

                assertEquals(TOTAL, db.count("SELECT count(*) FROM stampbox_event"));
                assertEquals(TOTAL, db.count("SELECT count(DISTINCT (device_id, seq)) FROM stampbox_event"));
                assertEquals(UNITS, db.count("SELECT count(*) FROM stampbox_unit WHERE stored_through = ? AND max_seq = ?",
                        (long) PER_UNIT, (long) PER_UNIT));
                assertEquals(List.of(), acks.violations());
                assertTrue(second.alive() && restarted.alive());
                assertFalse(second.log().contains("Exception"), second.log());
                assertEquals(0, second.stop(), "SIGTERM ends run with 0: " + second.log());
                assertTrue(second.log().contains("ingest ingest-b stopped"), second.log());
            } finally {
                first.close();
                second.close();
                if (restarted != null) {
                    restarted.close();
                }
            }
        }
    }

    private static String[] args(MosquittoBroker broker, TestDatabase db, String clientId) {
        return new String[] {"--url", broker.url(), "--db", db.url(), "--root", ROOT, "--group", "kill", "--client-id", clientId,
            "--session-expiry", "600"};
    }

    private static long stored(TestDatabase db) {
        return db.count("SELECT count(*) FROM stampbox_event");
    }

    private static long acked(AckWatcher acks) {
        long n = 0;
        for (int u = 0; u < UNITS; u++) {
            n += acks.highest("unit-" + u) == PER_UNIT ? 1 : 0;
        }
        return n;
    }

    /** Every unit publishes its seqs in order, interleaved; every 50th event is sent twice (a resend). */
    private static void publish(String url, AtomicLong published, AtomicReference<Throwable> failed) {
        List<SimulatedUnit> units = new ArrayList<>();
        try {
            for (int u = 0; u < UNITS; u++) {
                units.add(new SimulatedUnit(url, ROOT, "unit-" + u));
            }
            for (long seq = 1; seq <= PER_UNIT; seq++) {
                for (SimulatedUnit unit : units) {
                    unit.stamp(seq);
                    if (seq % 50 == 0) {
                        unit.stamp(seq);
                    }
                    published.incrementAndGet();
                }
                Thread.sleep(2);
            }
            for (SimulatedUnit unit : units) {
                unit.close();
            }
        } catch (Throwable e) {
            failed.set(e);
        }
    }
}
