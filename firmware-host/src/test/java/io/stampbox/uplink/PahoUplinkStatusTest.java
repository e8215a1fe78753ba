package io.stampbox.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.CloudSubscriber;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status, the generic publish/subscribe API and the reconnect loop against a real mosquitto. */
@BrokerTest
@SlowTest
class PahoUplinkStatusTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PahoUplink uplink;

    @AfterEach
    void stopUnit() {
        if (uplink != null) {
            uplink.stop();
        }
    }

    private static JsonNode retainedStatus(MosquittoBroker broker) throws Exception {
        try (CloudSubscriber watcher = new CloudSubscriber(broker.url(), "watcher", Units.topic("status"), false)) {
            Await.until("the retained status", WAIT, () -> watcher.count() >= 1);
            CloudSubscriber.Received status = watcher.received().get(0);
            assertTrue(status.retained(), "status is retained");
            return JSON.readTree(status.payload());
        }
    }

    @Test
    void birthIsRetainedAfterConnectAndOfflineAfterACleanStop() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start()) {
            uplink = Units.uplink(Units.mqtt(broker.url()));
            uplink.start();
            Await.until("connected", WAIT, uplink::connected);

            JsonNode birth = retainedStatus(broker);
            assertTrue(birth.get("online").asBoolean());
            assertEquals("0.1.0-test", birth.get("version").asText());
            assertEquals(Units.BOOTED.toString(), birth.get("bootedAt").asText());
            assertEquals(7, birth.get("configVersion").asLong());

            assertTrue(uplinkThreads().containsAll(List.of("uplink", "MQTT Rec: " + Units.ID)), uplinkThreads().toString());
            uplink.stop();
            assertEquals(UplinkState.DISCONNECTED, uplink.state());
            JsonNode offline = retainedStatus(broker);
            assertFalse(offline.get("online").asBoolean());
            assertEquals("stopped", offline.get("reason").asText());
            Await.until("no uplink or Paho thread left", WAIT, () -> uplinkThreads().isEmpty(),
                    () -> uplinkThreads().toString());
        }
    }

    private static List<String> uplinkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.equals("uplink") || n.equals("uplink-dispatch") || n.endsWith(": " + Units.ID))
                .toList();
    }

    @Test
    void subscriptionsRunOnTheDispatcherAndAreRestoredAfterTheBrokerRestarts() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start()) {
            uplink = Units.uplink(Units.mqtt(broker.url()));
            List<String> seen = new CopyOnWriteArrayList<>();
            uplink.subscribe("cmd/+", (topic, payload) ->
                    seen.add(Thread.currentThread().getName() + " " + topic + " " + new String(payload, StandardCharsets.UTF_8)));
            uplink.subscribeFleet("config/desired", (topic, payload) -> seen.add("fleet " + topic));
            uplink.start();
            Await.until("connected", WAIT, uplink::connected);

            cloudPublishes(broker, Units.topic("cmd/identify"), "{\"id\":\"c1\"}", false);
            Await.until("the command handled", WAIT, () -> seen.size() == 1);
            assertEquals("uplink-dispatch " + Units.topic("cmd/identify") + " {\"id\":\"c1\"}", seen.get(0));

            broker.restart();
            Await.until("reconnected", WAIT, () -> uplink.connected());
            cloudPublishes(broker, Units.ROOT + "/_fleet/config/desired", "{\"version\":2}", true);
            cloudPublishes(broker, Units.topic("cmd/flush"), "{\"id\":\"c2\"}", false);
            Await.until("both handled after the restart", WAIT, () -> seen.size() == 3, seen::toString);
            assertTrue(seen.contains("fleet " + Units.ROOT + "/_fleet/config/desired"));
        }
    }

    @Test
    void publishWaitsForThePubackAndFailsAtOnceWhenNotConnected() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", Units.topic("cmd/result"), false)) {
            uplink = Units.uplink(Units.mqtt(broker.url()));
            assertTrue(uplink.publish("cmd/result", new byte[] {'{', '}'}, 1, false).isCompletedExceptionally());

            uplink.start();
            Await.until("connected", WAIT, uplink::connected);
            uplink.publish("cmd/result", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8), 1, false)
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
            Await.until("the result at the cloud", WAIT, () -> cloud.count() == 1);
        }
    }

    @Test
    void aFirstConnectThatFailsIsRetriedUntilTheBrokerAppears() throws Exception {
        int port = MosquittoBroker.freePort();
        List<String> changes = new CopyOnWriteArrayList<>();
        uplink = Units.uplink(Units.mqtt("tcp://127.0.0.1:" + port));
        uplink.addListener((state, reason) -> changes.add(state + (reason == null ? "" : ": " + reason)));
        uplink.start();

        Await.until("backing off", WAIT, () -> uplink.state() == UplinkState.BACKING_OFF);
        assertTrue(uplink.lastError().startsWith("connection refused"), uplink.lastError());
        assertEquals(UplinkState.CONNECTING + "", changes.get(0));

        try (MosquittoBroker broker = MosquittoBroker.builder(dir).startOn(port)) {
            Await.until("connected", WAIT, uplink::connected);
            assertNull(uplink.lastError());
            uplink.stop();
        }
    }

    @Test
    void healthIsPublishedRetainedOnConnectAndEveryInterval() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", Units.topic("health"), false)) {
            uplink = Units.uplink(Units.mqtt(broker.url()));
            io.stampbox.health.Metrics metrics = new io.stampbox.health.Metrics();
            metrics.add(io.stampbox.health.Metrics.Tally.PUBLISHED, 3);
            HealthSources sources = new HealthSources(metrics, Units.BOOTED, () -> 5, () -> null, () -> true,
                    () -> 7, "0.1.0-test", () -> "clean", () -> "ok", java.time.Clock.systemUTC());
            try (HealthReporter health = new HealthReporter(uplink, sources, Duration.ofMillis(300))) {
                health.start();
                uplink.start();
                Await.until("three reports", WAIT, () -> cloud.count() >= 3);
            }
            JsonNode report = JSON.readTree(cloud.received().get(0).payload());
            assertEquals(5, report.get("outboxDepth").asLong());
            assertEquals(3, report.get("counters").get("published").asLong());
            assertEquals("clean", report.get("lastStop").asText());
            try (CloudSubscriber late = new CloudSubscriber(broker.url(), "late", Units.topic("health"), false)) {
                Await.until("the retained report", WAIT, () -> late.count() == 1);
                assertTrue(late.received().get(0).retained());
            }
        }
    }

    @Test
    void anUnknownHostIsReportedAsSuch() {
        uplink = Units.uplink(Units.mqtt("tcp://no-such-broker.invalid:1883"));
        uplink.start();
        Await.until("backing off", WAIT, () -> uplink.state() == UplinkState.BACKING_OFF);
        assertTrue(uplink.lastError().startsWith("unknown host"), uplink.lastError());
    }

    private static void cloudPublishes(MosquittoBroker broker, String topic, String payload, boolean retained)
            throws Exception {
        org.eclipse.paho.client.mqttv3.MqttClient cloud = new org.eclipse.paho.client.mqttv3.MqttClient(
                broker.url(), "cloud-pub", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        cloud.connect();
        cloud.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
        cloud.disconnect();
        cloud.close();
    }
}
