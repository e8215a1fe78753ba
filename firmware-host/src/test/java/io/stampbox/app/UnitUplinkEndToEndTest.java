package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.PtyPair;
import io.stampbox.testing.CloudSubscriber;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.PtyTest;
import io.stampbox.testing.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole unit against real mosquitto processes: order, outages, crashes, status. */
@ProcessTest
@BrokerTest
@PtyTest
@SlowTest
class UnitUplinkEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EVENT_FIELDS = List.of("schema", "eventId", "deviceId", "storeId", "seq",
            "kind", "cardId", "code", "symbology", "scannedAt", "clockSynced", "configVersion");

    /** Issue 3's memory goal: the unit runs with a 48 MB heap, here while it buffers and drains. */
    private static final String SMALL_HEAP = "-Xmx48m";

    @TempDir
    Path dir;

    private Path config(String scanner, String url) throws Exception {
        return UnitConfigs.write(dir, scanner,
                "\"mqtt\": {\"url\": \"" + url + "\"}, \"health\": {\"intervalSeconds\": 1}");
    }

    @Test
    void aThousandScansThroughThePtyArriveInSeqOrderWithEveryField() throws Exception {
        assumeTrue(PtyPair.socatAvailable(), "socat is not installed");
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                PtyPair pty = PtyPair.start(dir);
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", "stampbox/v1/e2e-unit/scan", false);
                UnitProcess unit = UnitProcess.start(config(
                        "{\"type\": \"serial\", \"port\": \"" + pty.devicePath() + "\"}", broker.url()), dir)) {
            unit.awaitReady();
            for (int i = 0; i < 1000; i++) {
                pty.writeLine("]Q1CARD-%06d".formatted(i));
                if (i % 50 == 49) {
                    Thread.sleep(20);
                }
            }
            awaitTrue(() -> cloud.count() >= 1000, Duration.ofSeconds(60), () -> "arrived: " + cloud.count());
            List<CloudSubscriber.Received> received = cloud.received();
            for (int i = 0; i < 1000; i++) {
                JsonNode event = JSON.readTree(received.get(i).payload());
                for (String field : EVENT_FIELDS) {
                    assertTrue(event.has(field), "missing " + field + " in " + event);
                }
                assertEquals(i + 1, event.get("seq").asLong(), "seq order");
                assertEquals("CARD-%06d".formatted(i), event.get("code").asText());
                assertEquals("%06d".formatted(i), event.get("cardId").asText());
                assertEquals("qr", event.get("symbology").asText());
                assertEquals("e2e-unit", event.get("deviceId").asText());
                assertEquals("e2e-store", event.get("storeId").asText());
            }
        }
    }

    @Test
    void scansGoOnWhileTheBrokerIsAwayAndAllArriveInOrder() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                UnitProcess unit = UnitProcess.start(config("{\"type\": \"stdin\"}", broker.url()), dir)) {
            unit.awaitReady();
            CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", "stampbox/v1/e2e-unit/scan", false);
            scan(unit, 0, 200);
            awaitTrue(() -> cloud.count() >= 200, Duration.ofSeconds(30), () -> "arrived: " + cloud.count());
            cloud.close();
            broker.stop();
            scan(unit, 200, 300);
            broker.launch();
            try (CloudSubscriber back = new CloudSubscriber(broker.url(), "cloud2", "stampbox/v1/e2e-unit/scan", false)) {
                awaitTrue(() -> firstOccurrences(back).size() >= 300, Duration.ofSeconds(90),
                        () -> "arrived after the outage: " + back.count());
                List<Long> seqs = List.copyOf(firstOccurrences(back).keySet());
                for (int i = 0; i < 300; i++) {
                    assertEquals(201 + i, seqs.get(i), "seq order after the outage");
                }
            }
        }
    }

    @Test
    void aKillDuringTheDrainOfTenThousandScansLosesNothing() throws Exception {
        int total = 10_000;
        int port = MosquittoBroker.freePort();
        Path config = config("{\"type\": \"stdin\"}", "tcp://127.0.0.1:" + port);
        try (UnitProcess unit = UnitProcess.start(config, dir, SMALL_HEAP)) {
            unit.awaitReady();
            scan(unit, 0, total);
            try (MosquittoBroker broker = MosquittoBroker.builder(dir).startOn(port);
                    CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", "stampbox/v1/e2e-unit/scan", false)) {
                awaitTrue(() -> cloud.count() >= 2000, Duration.ofSeconds(120), () -> "arrived: " + cloud.count());
                unit.kill9();
                int beforeRestart = cloud.count();
                assertTrue(beforeRestart < total, "the drain finished before the kill; nothing was proven");
                try (UnitProcess again = UnitProcess.start(config, dir, SMALL_HEAP)) {
                    again.awaitReady();
                    awaitTrue(() -> firstOccurrences(cloud).size() >= total, Duration.ofSeconds(120),
                            () -> "distinct seqs: " + firstOccurrences(cloud).size() + "; unit log: " + again.stderr());
                }
                Map<Long, byte[]> first = firstOccurrences(cloud);
                for (long seq = 1; seq <= total; seq++) {
                    assertNotNull(first.get(seq), "seq " + seq + " lost");
                }
                for (CloudSubscriber.Received r : cloud.received()) {
                    long seq = JSON.readTree(r.payload()).get("seq").asLong();
                    assertArrayEquals(first.get(seq), r.payload(), "a duplicate that is not an exact resend");
                }
            }
        }
    }

    @Test
    void statusIsRetainedOnlineThenOfflineAfterSigtermAndAfterSigkill() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start()) {
            Path config = config("{\"type\": \"stdin\"}", broker.url());
            try (UnitProcess unit = UnitProcess.start(config, dir)) {
                unit.awaitReady();
                awaitStatus(broker, true);
                awaitTrue(() -> retained(broker, "health").contains("\"outboxDepth\""), Duration.ofSeconds(15),
                        () -> "no health");
                unit.signal("TERM");
                assertEquals(0, unit.awaitExit(Duration.ofSeconds(20)));
                awaitStatus(broker, false);
            }
            try (UnitProcess unit = UnitProcess.start(config, dir)) {
                unit.awaitReady();
                awaitStatus(broker, true);
                unit.kill9();
                awaitStatus(broker, false);
            }
        }
    }

    private static void awaitStatus(MosquittoBroker broker, boolean online) throws Exception {
        awaitTrue(() -> retained(broker, "status").contains("\"online\":" + online), Duration.ofSeconds(60),
                () -> "status: " + retained(broker, "status"));
    }

    /** The retained message on a unit topic, read by a fresh subscriber. */
    private static String retained(MosquittoBroker broker, String subtopic) {
        try (CloudSubscriber peek = new CloudSubscriber(broker.url(), "peek-" + System.nanoTime(),
                "stampbox/v1/e2e-unit/" + subtopic, false)) {
            return Await.within(Duration.ofMillis(500), () -> peek.count() > 0) ? peek.received().get(0).text() : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static void scan(UnitProcess unit, int from, int count) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            lines.append("CARD-%06d\n".formatted(i));
        }
        unit.typeBytes(lines.toString().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < count; i++) {
            String signal = unit.awaitSignal();
            assertTrue(signal.startsWith("SIGNAL accepted"), signal);
        }
        assertFalse(unit.seen().isEmpty());
    }

    /** Each seq's first payload, in the order first seen. */
    private static Map<Long, byte[]> firstOccurrences(CloudSubscriber cloud) {
        Map<Long, byte[]> first = new java.util.LinkedHashMap<>();
        for (CloudSubscriber.Received r : cloud.received()) {
            try {
                first.putIfAbsent(JSON.readTree(r.payload()).get("seq").asLong(), r.payload());
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + r.text(), e);
            }
        }
        return first;
    }

    /** Polls every 20 ms: some conditions parse every message received so far or open a connection. */
    private static void awaitTrue(Await.Condition condition, Duration timeout, java.util.function.Supplier<String> why) {
        Await.until("the condition", timeout, Duration.ofMillis(20), condition, why);
    }
}
