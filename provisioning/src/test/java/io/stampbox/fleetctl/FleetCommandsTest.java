package io.stampbox.fleetctl;

import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.testing.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** stampbox-fleet against a real mosquitto and a unit's real fleet agent and uplink. */
@BrokerTest
@SlowTest
class FleetCommandsTest extends FleetCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pushShowStatusAndCommandsAgainstARealBroker() throws Exception {
        MosquittoBroker broker = MosquittoBroker.builder(dir).start();
        open.add(broker);
        unit(broker.url(), "till-1", "s");
        String url = "--url=" + broker.url();
        // a push to a unit that has retained nothing yet is "unknown" (exit 1): wait until it has reported
        Await.until("till-1's first report", Duration.ofSeconds(20), () -> fleet("config", "show", "till-1", url) == 0,
                () -> err.toString());

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"version\": 3, \"scanner\": {\"baud\": \"fast\"}, \"mqtt\": {\"password\": \"x\"}}");
        assertEquals(2, fleet("config", "push", bad.toString(), "--fleet", url));
        assertTrue(err.toString().contains("config error: mqtt.password: may only be set in the unit's local file"), err.toString());
        Files.writeString(bad, "{\"version\": 3, \"scanner\": {\"baud\": \"fast\"}}");
        assertEquals(2, fleet("config", "push", bad.toString(), "--fleet", url));
        assertTrue(err.toString().contains("config error: scanner.baud: must be one of 1200..921600, got \"fast\""));
        assertEquals(2, fleet("config", "push", bad.toString(), url), "--unit or --fleet is required");

        Path good = dir.resolve("good.json");
        Files.writeString(good, "{\"version\": 7, \"codes\": {\"cooldownSeconds\": 30}}");
        assertEquals(0, fleet("config", "push", good.toString(), "--unit", "till-1", url, "--json"));
        assertEquals(7, JSON.readTree(out.toString()).path("version").asLong());

        AtomicReference<JsonNode> shown = new AtomicReference<>();
        Await.until("a report of version 7", Duration.ofSeconds(20), () -> {
            fleet("config", "show", "till-1", url, "--json");
            shown.set(JSON.readTree(out.toString()));
            return shown.get().path("reported").path("version").asLong() == 7;
        }, () -> out.toString());
        JsonNode view = shown.get();
        assertEquals(30, view.path("desired").path("unit").path("codes").path("cooldownSeconds").asLong());
        assertEquals(64, view.path("reported").path("hash").asText().length());

        try (MqttClient health = new MqttClient(broker.url(), "health", new MemoryPersistence())) {
            health.connect();
            health.publish("stampbox/v1/till-1/health", ("{\"outboxDepth\": 4, \"oldestPendingSeconds\": 12,"
                    + " \"uptimeSeconds\": 60, \"configVersion\": 7}").getBytes(StandardCharsets.UTF_8), 1, true);
            health.disconnect();
        }
        assertEquals(0, fleet("status", url, "--json"));
        JsonNode row = JSON.readTree(out.toString()).get(0);
        assertEquals("till-1", row.path("unit").asText());
        assertTrue(row.path("online").asBoolean(), row.toString());
        assertEquals(4, row.path("outboxDepth").asLong());
        assertEquals(12, row.path("oldestPendingSeconds").asLong());
        assertEquals(0, fleet("status", url));
        assertTrue(out.toString().startsWith("UNIT"), out.toString());
        assertTrue(out.toString().contains("till-1"));

        assertEquals(1, fleet("cmd", "till-1", "selftest", url, "--json"), "the inert unit has no outbox: not ok");
        assertEquals("writable", JSON.readTree(out.toString()).path("result").path("storage").asText(), out.toString());
        assertEquals("stampbox-fleet: selftest on till-1 failed: outbox: unavailable", err.toString().strip());
        assertEquals(0, fleet("cmd", "till-1", "identify", url));
        assertTrue(out.toString().startsWith("identify on till-1: ok "), out.toString());
        assertEquals(1, fleet("cmd", "till-1", "flush", url, "--arg", "waitMs=abc"));
        assertTrue(err.toString().contains("flush on till-1 failed: waitMs: must be a whole number"), err.toString());
        assertEquals(1, fleet("cmd", "till-1", "dance", url));
        assertTrue(err.toString().contains("stampbox-fleet: dance on till-1 failed: unknown command: dance"), err.toString());
        assertEquals(1, fleet("cmd", "till-1", "identify", url, "--timeout=1", "--root=other/v1"), "nobody answers");
        assertTrue(err.toString().contains("no result"), err.toString());
        assertEquals(2, fleet("cmd", "till-1", "flush", url, "--arg", "novalue"));
    }
}
