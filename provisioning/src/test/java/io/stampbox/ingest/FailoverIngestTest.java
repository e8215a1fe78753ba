package io.stampbox.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import io.stampbox.time.Ticker;
import io.stampbox.uplink.Drainer;
import io.stampbox.uplink.PahoUplink;
import io.stampbox.uplink.StatusInfo;
import io.stampbox.uplink.UplinkOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit with {@code mqtt.urls} of two unbridged mosquittos (MQTT 5) and {@code uplink.ack: backend}, one
 * stampbox-ingest on each broker, one PostgreSQL database: scans stream in, the broker the unit is on is
 * SIGKILLed (with whatever it had PUBACKed but not yet delivered), the unit moves to the other one, and the
 * database ends with every scan stored exactly once, no gap; the acks never ran ahead of the database.
 */
@BrokerTest
@SlowTest
class FailoverIngestTest {

    private static final int SCANS = 1_500;
    private static final String ROOT = "stampbox/v1";
    private static final String UNIT = "unit-1"; // MemoryOutbox.scanPayload's deviceId
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    @Test
    void everyScanIsStoredOnceAfterTheUnitsBrokerDies() throws Exception {
        MemoryOutbox outbox = new MemoryOutbox();
        try (TestDatabase db = new TestDatabase();
                MosquittoBroker first = MosquittoBroker.builder(dir.resolve("a")).start();
                MosquittoBroker second = MosquittoBroker.builder(dir.resolve("b")).start();
                InProcessIngest ingestA = new InProcessIngest(first.url(), db, ROOT, "ingest-a", 65536);
                InProcessIngest ingestB = new InProcessIngest(second.url(), db, ROOT, "ingest-b", 65536);
                AckWatcher acks = new AckWatcher(second.url(), ROOT, db)) {
            UnitConfig.Mqtt mqtt = new UnitConfig.Mqtt(first.url(), ROOT, null, null, null)
                    .withUrls(List.of(first.url(), second.url())).withAck(UnitConfig.Ack.BACKEND);
            PahoUplink uplink = new PahoUplink(new UnitConfig.Device(UNIT, "store-9"), mqtt,
                    new StatusInfo("0.1.0-test", Instant.parse("2026-11-30T08:00:00Z"), () -> 0),
                    UplinkOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(800))
                            .withConnectTimeout(Duration.ofSeconds(3)));
            Drainer drainer = new Drainer(outbox, uplink, new Metrics(), 32, Ticker.SYSTEM)
                    .backendAcks(Duration.ofSeconds(3));
            Thread scanner = new Thread(() -> {
                for (int i = 0; i < SCANS && !Thread.currentThread().isInterrupted(); i++) {
                    outbox.appendScans(1);
                    try {
                        Thread.sleep(4);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "test-scanner");
            try {
                drainer.start();
                uplink.start();
                Eventually.until("connected to the first broker", WAIT, () -> first.url().equals(uplink.broker()), () -> "");
                scanner.start();
                Eventually.until("400 stored", WAIT, () -> stored(db) >= 400, () -> "stored " + stored(db));
                first.kill();
                Eventually.until("on the second broker", WAIT, () -> second.url().equals(uplink.broker()),
                        uplink::lastError);
                scanner.join(WAIT.toMillis());
                Eventually.until("every scan released from the outbox", WAIT, () -> outbox.depth() == 0,
                        () -> "outbox " + outbox.depth() + ", stored " + stored(db) + ", backend acked "
                                + drainer.backendAckedThrough());
                assertEquals(SCANS, stored(db), "each eventId once");
                assertEquals(SCANS, db.count("SELECT count(DISTINCT seq) FROM stampbox_event WHERE device_id = ?", UNIT));
                assertEquals(SCANS, db.count("SELECT stored_through FROM stampbox_unit WHERE device_id = ?", UNIT),
                        "1.." + SCANS + " without a gap");
                assertEquals(List.of(), acks.violations(), "an ack ran ahead of the database");
                assertNotEquals(0, acks.highest(UNIT));
            } finally {
                scanner.interrupt();
                drainer.close();
                uplink.stop();
            }
        }
    }

    private static long stored(TestDatabase db) {
        return db.count("SELECT count(*) FROM stampbox_event WHERE device_id = ?", UNIT);
    }
}
