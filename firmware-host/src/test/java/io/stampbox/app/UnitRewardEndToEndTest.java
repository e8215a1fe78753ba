package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.CloudSubscriber;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Reward due" end to end: the daemon with console signals, a real mosquitto, and the test as the backend
 * answering on {@code scan/result}.
 */
@ProcessTest
@BrokerTest
@SlowTest
class UnitRewardEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULT = "stampbox/v1/e2e-unit/scan/result";

    @TempDir
    Path dir;

    private Path config(String url, long windowMs) throws Exception {
        return UnitConfigs.write(dir, "{\"type\": \"stdin\"}", "\"rewardWindowMs\": " + windowMs,
                "\"mqtt\": {\"url\": \"" + url + "\"}, \"health\": {\"intervalSeconds\": 1}");
    }

    private static String eventId(UnitProcess unit) throws InterruptedException {
        String line = unit.awaitSignal();
        assertTrue(line.startsWith("SIGNAL accepted event="), line);
        return line.split(" ")[2].substring("event=".length());
    }

    private static void answer(MqttClient backend, String eventId, String reward) throws Exception {
        backend.publish(RESULT, ("{\"eventId\": \"" + eventId + "\", \"stamps\": 10, \"goal\": 10, \"reward\": \""
                + reward + "\", \"label\": \"Free coffee\"}").getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static MqttClient backend(MosquittoBroker broker) throws Exception {
        MqttClient client = new MqttClient(broker.url(), "backend-" + System.nanoTime(), new MemoryPersistence());
        client.connect();
        return client;
    }

    /** The next signal is the given card's accepted: nothing was played in between. */
    private static void nothingPlayedBefore(UnitProcess unit, String card) throws Exception {
        unit.type(card);
        eventId(unit);
    }

    private static long counter(MosquittoBroker broker, String name) throws Exception {
        try (CloudSubscriber peek = new CloudSubscriber(broker.url(), "peek-" + System.nanoTime(),
                "stampbox/v1/e2e-unit/health", false)) {
            Await.until("health", Duration.ofSeconds(10), () -> peek.count() > 0, () -> "none");
            JsonNode health = JSON.readTree(peek.received().get(peek.count() - 1).payload());
            return health.get("counters").get(name).asLong();
        }
    }

    @Test
    void inTimeForTheLatestStampItPlaysLateOrOlderItIsOnlyCounted() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", "stampbox/v1/e2e-unit/scan", false);
                UnitProcess unit = UnitProcess.start(config(broker.url(), 3000), dir)) {
            unit.awaitReady();
            MqttClient backend = backend(broker);
            Await.until("the unit online", Duration.ofSeconds(20),
                    () -> unit.stderr().contains("uplink: connected"), unit::stderr);
            unit.type("CARD-1111");
            String first = eventId(unit);
            Await.until("the stamp at the broker", Duration.ofSeconds(3), () -> cloud.count() >= 1, unit::stderr);
            answer(backend, first, "due");
            assertEquals("SIGNAL reward-due", unit.awaitSignal(), "in time, for the latest stamp");
            unit.type("CARD-2222");
            String second = eventId(unit);
            answer(backend, first, "due"); // an older stamp
            answer(backend, second, "none");
            Thread.sleep(3_200);
            answer(backend, second, "due"); // late
            backend.publish(RESULT, "{\"eventId\": \"../../etc\"}".getBytes(StandardCharsets.UTF_8), 1, false);
            Thread.sleep(300);
            nothingPlayedBefore(unit, "CARD-3333");
            Await.until("the counters in health", Duration.ofSeconds(10),
                    () -> counter(broker, "rewardsDueUnsignalled") == 2, unit::stderr);
            assertEquals(1, counter(broker, "rewardDue"));
            assertEquals(1, counter(broker, "scanResultsIgnored"));
            backend.disconnect();
            backend.close();
        }
    }

    @Test
    void withTheBrokerAwayTheStampIsSafeAndALateAnswerIsOnlyCounted() throws Exception {
        int port = MosquittoBroker.freePort();
        try (UnitProcess unit = UnitProcess.start(config("tcp://127.0.0.1:" + port, 2000), dir)) {
            unit.awaitReady();
            unit.type("CARD-1111");
            String stamp = eventId(unit); // accepted with no broker: recorded, nothing more to wait for
            try (MosquittoBroker broker = MosquittoBroker.builder(dir).startOn(port);
                    CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", "stampbox/v1/e2e-unit/scan", false)) {
                Await.until("the stamp at the broker", Duration.ofSeconds(30), () -> cloud.count() >= 1, unit::stderr);
                assertEquals(stamp, JSON.readTree(cloud.received().get(0).payload()).get("eventId").asText());
                Thread.sleep(2_100); // the broker came back after the window
                MqttClient backend = backend(broker);
                answer(backend, stamp, "due");
                Thread.sleep(300);
                nothingPlayedBefore(unit, "CARD-2222");
                Await.until("the late answer counted", Duration.ofSeconds(10),
                        () -> counter(broker, "rewardsDueUnsignalled") == 1, unit::stderr);
                backend.disconnect();
                backend.close();
            }
        }
    }
}
