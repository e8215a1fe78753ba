package io.stampbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.config.UnitConfig;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import io.stampbox.time.ThreadScheduler;
import io.stampbox.uplink.PahoUplink;
import io.stampbox.uplink.StatusInfo;
import io.stampbox.uplink.UplinkOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 3.5's "at most once" against a real mosquitto: the unit's FleetCommands on a real PahoUplink. */
@BrokerTest
@SlowTest
class FleetCommandsBrokerTest {

    private static final String ROOT = "stampbox/v1/cmd-unit/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private MosquittoBroker broker;
    private MqttClient admin;
    private final LinkedBlockingQueue<JsonNode> results = new LinkedBlockingQueue<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private ThreadScheduler fleet;
    private PahoUplink uplink;

    private void startBroker() throws Exception {
        broker = MosquittoBroker.builder(dir).start();
        admin = new MqttClient(broker.url(), "admin-" + System.nanoTime(), new MemoryPersistence());
        admin.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                results.add(JSON.readTree(message.getPayload()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        admin.connect();
        admin.subscribe(ROOT + "cmd/result", 1);
    }

    private void startUnit() {
        fleet = new ThreadScheduler("fleet-test");
        uplink = new PahoUplink(new UnitConfig.Device("cmd-unit", "store-1"),
                new UnitConfig.Mqtt(broker.url(), "stampbox/v1", null, null, null),
                new StatusInfo("test", Instant.now(), () -> 0),
                UplinkOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                        .withConnectTimeout(Duration.ofSeconds(3)));
        new FleetCommands(control(), fleet, Clock.systemUTC()).attach(uplink);
        uplink.start();
        Await.until("connected", Duration.ofSeconds(10), uplink::connected);
        awaitSubscribed();
    }

    /** Connected is not yet subscribed: a probe command answered means the unit hears commands. */
    private void awaitSubscribed() {
        java.util.List<JsonNode> others = new java.util.ArrayList<>();
        Await.until("the unit to answer a probe command", Duration.ofSeconds(20), () -> {
            String id = "probe-" + System.nanoTime();
            send("identify", "{\"id\": \"" + id + "\"}", false);
            return Await.next(results, Duration.ofSeconds(1), n -> id.equals(n.path("id").asText(null)), n -> {
                if (!n.path("id").asText("").startsWith("probe-")) {
                    others.add(n);
                }
            }) != null;
        });
        results.addAll(others);
    }

    private JsonNode malformed() {
        JsonNode bad = Await.next(results, Duration.ofSeconds(10), n -> n.path("id").isNull(), n -> {});
        if (bad == null) {
            throw new AssertionError("no answer to a malformed request");
        }
        return bad;
    }

    private void stopUnit() {
        uplink.stop();
        fleet.shutdownNow();
    }

    @AfterEach
    void stop() throws Exception {
        if (uplink != null) {
            stopUnit();
        }
        if (admin != null) {
            admin.disconnect();
            admin.close();
        }
        broker.close();
    }

    private void send(String name, String payload, boolean retained) throws Exception {
        admin.publish(ROOT + "cmd/" + name, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    private JsonNode result(String id) throws InterruptedException {
        JsonNode r = Await.next(results, Duration.ofSeconds(10), n -> id.equals(n.path("id").asText(null)), n -> {});
        if (r == null) {
            throw new AssertionError("no result for " + id);
        }
        return r;
    }

    @Test
    void aCommandIdRunsOnceEvenAcrossARestartOfTheUnit() throws Exception {
        startBroker();
        startUnit();
        send("identify", "{\"id\": \"once-1\"}", false);
        assertTrue(result("once-1").path("ok").asBoolean());
        send("identify", "{\"id\": \"once-1\"}", false);
        JsonNode again = result("once-1");
        assertFalse(again.path("ok").asBoolean(), again.toString());
        assertTrue(again.path("error").asText().startsWith("not executed: a command with id once-1 was already taken"),
                again.toString());
        stopUnit();
        startUnit();
        send("identify", "{\"id\": \"once-1\"}", false);
        assertTrue(result("once-1").path("error").asText().contains("already taken"), "remembered on disk");
    }

    @Test
    void anExpiredCommandIsRefusedWithItsExpiry() throws Exception {
        startBroker();
        startUnit();
        send("identify", "{\"id\": \"late\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}", false);
        JsonNode late = result("late");
        assertFalse(late.path("ok").asBoolean());
        assertTrue(late.path("error").asText().startsWith("not executed: expired at 2020-01-01T00:00:00Z"), late.toString());
        send("identify", "{\"id\": \"soon\", \"expiresAt\": \"" + Instant.now().plusSeconds(600) + "\"}", false);
        assertTrue(result("soon").path("ok").asBoolean());
        send("identify", "{\"id\": \"bad-exp\", \"expiresAt\": \"tomorrow\"}", false);
        JsonNode bad = malformed();
        assertEquals("malformed request: \"expiresAt\" must be an ISO-8601 instant such as 2026-11-30T09:00:00Z",
                bad.path("error").asText(), String.valueOf(bad));
    }

    @Test
    void restartIsRateLimitedBelowSystemdsStartLimit() throws Exception {
        startBroker();
        startUnit();
        for (int i = 1; i <= CommandLedger.RESTART_LIMIT; i++) {
            send("restart", "{\"id\": \"r" + i + "\"}", false);
            assertTrue(result("r" + i).path("ok").asBoolean());
        }
        Await.until("restarts", Duration.ofSeconds(5), () -> restarts.get() == CommandLedger.RESTART_LIMIT);
        stopUnit();
        startUnit(); // the limit holds across the unit's own restart
        send("restart", "{\"id\": \"r-over\"}", false);
        JsonNode over = result("r-over");
        assertFalse(over.path("ok").asBoolean());
        assertTrue(over.path("error").asText().startsWith("restart refused: rate limit, at most 2 restart commands in 10"),
                over.toString());
        assertFalse(Await.within(Duration.ofMillis(300), () -> restarts.get() > CommandLedger.RESTART_LIMIT));
    }

    @Test
    void aRetainedCommandNeverRunsAndIsCleared() throws Exception {
        startBroker();
        send("restart", "{\"id\": \"ghost\"}", true);
        startUnit();
        JsonNode ghost = result("ghost");
        assertFalse(ghost.path("ok").asBoolean());
        assertTrue(ghost.path("error").asText().contains("retained message (restart); the unit cleared it"),
                ghost.toString());
        assertEquals(0, restarts.get());
        LinkedBlockingQueue<byte[]> retained = new LinkedBlockingQueue<>();
        MqttClient probe = new MqttClient(broker.url(), "probe-" + System.nanoTime(), new MemoryPersistence());
        probe.connect();
        Await.until("the retained command cleared", Duration.ofSeconds(10), () -> {
            retained.clear();
            probe.subscribe(ROOT + "cmd/restart", 1, (t, m) -> retained.add(m.getPayload()));
            boolean any = Await.within(Duration.ofMillis(300), () -> !retained.isEmpty());
            probe.unsubscribe(ROOT + "cmd/restart");
            return !any;
        });
        probe.disconnect();
        probe.close();
    }

    @Test
    void aMalformedIdIsRefusedAndChangesNothing() throws Exception {
        startBroker();
        startUnit();
        send("restart", "{\"id\": \"" + "x".repeat(129) + "\"}", false);
        send("restart", "{\"id\": \"a\\u0000b\"}", false);
        for (int i = 0; i < 2; i++) {
            JsonNode bad = malformed();
            assertTrue(bad.path("error").asText().startsWith("malformed request: \"id\""), String.valueOf(bad));
            assertTrue(bad.path("id").isNull(), String.valueOf(bad));
        }
        assertEquals(0, restarts.get());
    }

    private UnitControl control() {
        return new InertUnit(dir.resolve("data")) {
            @Override
            public void restart() {
                restarts.incrementAndGet();
            }
        };
    }
}
