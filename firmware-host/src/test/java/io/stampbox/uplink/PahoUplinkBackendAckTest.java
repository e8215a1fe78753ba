package io.stampbox.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stampbox.health.Metrics;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.CloudSubscriber;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import io.stampbox.time.Ticker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uplink.ack} = {@code backend} against a real mosquitto: the PUBACK frees the window only; events
 * leave the outbox on {@code scan/ack}; without one they are sent again, in order, the same bytes.
 */
@BrokerTest
@SlowTest
class PahoUplinkBackendAckTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SCAN = Units.topic("scan");
    private static final String ACK = Units.topic("scan/ack");

    @TempDir
    Path dir;

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final Metrics metrics = new Metrics();
    private PahoUplink uplink;
    private Drainer drainer;

    private void startUnit(String url, Duration resendAfter) {
        uplink = Units.uplink(Units.mqtt(url));
        drainer = new Drainer(outbox, uplink, metrics, 16, Ticker.SYSTEM).backendAcks(resendAfter);
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

    private static byte[] ack(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLateAckReleasesTheEventsOnlyThen() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                CloudSubscriber backend = new CloudSubscriber(broker.url(), "backend", SCAN, false)) {
            outbox.appendScans(30);
            startUnit(broker.url(), Duration.ofMinutes(5));

            Await.until("30 at the backend, PUBACKed", WAIT,
                    () -> backend.count() >= 30 && drainer.brokerAckedThrough() == 30,
                    () -> backend.count() + " received, broker acked " + drainer.brokerAckedThrough());
            Thread.sleep(300);
            assertEquals(30, outbox.depth(), "a PUBACK alone releases nothing");
            assertEquals(0, drainer.backendAckedThrough());

            backend.publish(ACK, ack("{\"throughSeq\": 12}"));
            Await.until("12 released", WAIT, () -> outbox.depth() == 18, () -> "depth " + outbox.depth());
            backend.publish(ACK, ack("{\"throughSeq\": 30}"));
            Await.until("all released", WAIT, () -> outbox.depth() == 0, () -> "depth " + outbox.depth());
            assertEquals(30, drainer.backendAckedThrough());
            assertEquals(30, backend.count(), "nothing sent twice");
        }
    }

    @Test
    void aBackendThatCrashesBeforeAckingGetsEverythingAgainInOrderTheSameBytes() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                CloudSubscriber backend = new CloudSubscriber(broker.url(), "backend", SCAN, false)) {
            outbox.appendScans(20);
            startUnit(broker.url(), Duration.ofMillis(500));

            Await.until("sent twice", WAIT, () -> backend.count() >= 40, () -> backend.count() + " received");
            List<CloudSubscriber.Received> got = backend.received();
            List<Long> seqs = got.subList(0, 40).stream().map(r -> MemoryOutbox.seqOf(r.payload())).toList();
            List<Long> once = LongStream.rangeClosed(1, 20).boxed().toList();
            assertEquals(once, seqs.subList(0, 20));
            assertEquals(once, seqs.subList(20, 40));
            for (int i = 0; i < 20; i++) {
                assertArrayEquals(got.get(i).payload(), got.get(i + 20).payload());
            }
            assertEquals(20, outbox.depth());

            backend.publish(ACK, ack("{\"throughSeq\": 20}"));
            Await.until("released after the ack", WAIT, () -> outbox.depth() == 0, () -> "depth " + outbox.depth());
        }
    }

    @Test
    void invalidAcksAreIgnoredAndCounted() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                CloudSubscriber backend = new CloudSubscriber(broker.url(), "backend", SCAN, false)) {
            outbox.appendScans(5);
            startUnit(broker.url(), Duration.ofMinutes(5));
            Await.until("5 sent", WAIT, () -> drainer.brokerAckedThrough() == 5, () -> "" + drainer.brokerAckedThrough());

            backend.publish(ACK, ack("{\"throughSeq\": 6}"));
            backend.publish(ACK, ack("{\"throughSeq\": \"5\"}"));
            backend.publish(ACK, ack("{\"throughSeq\": 2.5}"));
            backend.publish(ACK, ack("not json"));
            backend.publish(ACK, ack("{\"throughSeq\": 0}"));
            Await.until("5 ignored", WAIT, () -> drainer.backendAcksIgnored() == 5, () -> "" + drainer.backendAcksIgnored());
            assertEquals(5, outbox.depth());
            assertEquals(0, drainer.backendAckedThrough());

            backend.publish(ACK, ack("{\"throughSeq\": 5}"));
            Await.until("released", WAIT, () -> outbox.depth() == 0, () -> "depth " + outbox.depth());
        }
    }
}
