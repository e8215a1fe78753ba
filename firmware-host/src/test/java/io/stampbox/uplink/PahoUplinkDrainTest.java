package io.stampbox.uplink;

import io.stampbox.time.Ticker;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.health.Metrics;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.CloudSubscriber;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drain against a real mosquitto: order, completeness, outages. */
@BrokerTest
@SlowTest
class PahoUplinkDrainTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final Metrics metrics = new Metrics();
    private PahoUplink uplink;
    private Drainer drainer;

    private void startUnit(String url) {
        uplink = Units.uplink(Units.mqtt(url));
        drainer = new Drainer(outbox, uplink, metrics, 32, Ticker.SYSTEM);
        drainer.start();
        uplink.start();
    }

    @AfterEach
    void stopUnit() {
        if (drainer != null) {
            drainer.close();
        }
        if (uplink != null) {
            uplink.stop();
        }
    }

    @Test
    void thousandEventsArriveInSeqOrderWithoutGapsAndLeaveTheOutbox() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", Units.topic("scan"), false)) {
            outbox.appendScans(400);
            startUnit(broker.url());
            for (int i = 0; i < 6; i++) {
                outbox.appendScans(100);
            }

            Await.until("1000 events at the cloud", WAIT, () -> cloud.count() >= 1000 && outbox.depth() == 0,
                    () -> "received " + cloud.count() + ", depth " + outbox.depth());

            List<Long> seqs = cloud.received().stream().map(r -> MemoryOutbox.seqOf(r.payload())).toList();
            assertEquals(LongStream.rangeClosed(1, 1000).boxed().toList(), seqs);
            for (CloudSubscriber.Received r : cloud.received()) {
                assertArrayEquals(MemoryOutbox.scanPayload(MemoryOutbox.seqOf(r.payload())), r.payload());
            }
            assertEquals(1000, metrics.get(Metrics.Tally.PUBLISHED));
            assertEquals(1000, outbox.acknowledgedThrough());
        }
    }

    @Test
    void brokerStoppedMidStreamThenBackDeliversEveryEventInOrder() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).persistence().start();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", Units.topic("scan"), true)) {
            outbox.appendScans(5000);
            startUnit(broker.url());
            Await.until("the stream under way", WAIT, () -> cloud.count() >= 500);

            broker.stop();
            Await.until("the unit noticing", WAIT, () -> !uplink.connected());
            outbox.appendScans(1000);
            assertTrue(outbox.depth() >= 1000, "scans go on into the outbox while the broker is away");

            broker.launch();
            Await.until("all 6000 at the cloud", Duration.ofSeconds(40),
                    () -> outbox.depth() == 0 && firstOccurrences(cloud).size() == 6000,
                    () -> "depth " + outbox.depth() + ", distinct " + firstOccurrences(cloud).size()
                            + ", unit " + uplink.state() + " " + uplink.lastError());

            assertEquals(LongStream.rangeClosed(1, 6000).boxed().toList(), firstOccurrences(cloud));
            for (CloudSubscriber.Received r : cloud.received()) {
                assertArrayEquals(MemoryOutbox.scanPayload(MemoryOutbox.seqOf(r.payload())), r.payload(),
                        "a duplicate is an exact resend");
            }
        }
    }

    /** Seqs in arrival order, each the first time it arrived (a resend is allowed: at least once). */
    private static List<Long> firstOccurrences(CloudSubscriber cloud) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        List<Long> out = new ArrayList<>();
        for (CloudSubscriber.Received r : cloud.received()) {
            long seq = MemoryOutbox.seqOf(r.payload());
            if (seen.add(seq)) {
                out.add(seq);
            }
        }
        return out;
    }
}
