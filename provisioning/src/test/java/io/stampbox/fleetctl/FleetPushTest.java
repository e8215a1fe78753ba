package io.stampbox.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code config push} against a real mosquitto and three units' real fleet agents and uplinks: it waits for
 * each targeted unit's report and says applied / rejected / stale / unknown, exit 0 only when all applied.
 */
@BrokerTest
@SlowTest
class FleetPushTest extends FleetCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode outcomes() throws Exception {
        JsonNode all = JSON.readTree(out.toString());
        return all.path("units");
    }

    /** A unit (another version, scripted) that answers every document of its own with a rejection. */
    private void refusingUnit(String url, String id) throws Exception {
        org.eclipse.paho.client.mqttv3.MqttClient unit = new org.eclipse.paho.client.mqttv3.MqttClient(url, id,
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        unit.connect();
        String root = "stampbox/v1/" + id + "/";
        unit.publish(root + "status", ("{\"online\": true, \"version\": \"0.0.1\", \"storeId\": \"old\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, true);
        unit.subscribe(root + "config/desired", 1, (topic, message) -> {
            long version = JSON.readTree(message.getPayload()).path("version").asLong();
            String report = "{\"version\": 1, \"layers\": {\"fleet\": 0, \"unit\": 1}, \"rejected\": {\"version\": "
                    + version + ", \"scope\": \"unit\", \"errors\": [\"scanner.baud: not supported by this unit\"]}}";
            new Thread(() -> {
                try {
                    unit.publish(root + "config/reported", report.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, true);
                } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                    throw new IllegalStateException(e);
                }
            }).start();
        });
        open.add(() -> {
            unit.disconnect();
            unit.close();
        });
    }

    private Path doc(String name, String json) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    @Test
    void aPushSaysPerUnitWhatBecameOfIt() throws Exception {
        MosquittoBroker broker = MosquittoBroker.builder(dir).start();
        open.add(broker);
        unit(broker.url(), "till-1", "bakery-7");
        unit(broker.url(), "till-2", "bakery-7");
        unit(broker.url(), "till-3", "deli-2");
        String url = "--url=" + broker.url();
        Await.until("three units with reports", Duration.ofSeconds(20), () -> {
            fleet("status", url, "--json");
            return JSON.readTree(out.toString()).size() == 3;
        }, () -> out.toString());

        Path good = doc("good.json", "{\"version\": 100, \"codes\": {\"cooldownSeconds\": 30}}");
        assertEquals(0, fleet("config", "push", good.toString(), "--store", "bakery-7", url, "--json"), err.toString());
        JsonNode units = outcomes();
        assertEquals(2, units.size(), out.toString());
        assertEquals("till-1", units.get(0).path("unit").asText());
        assertEquals("applied", units.get(0).path("outcome").asText());
        assertEquals("applied", units.get(1).path("outcome").asText());
        assertTrue(JSON.readTree(out.toString()).path("ok").asBoolean());

        // a unit that refuses the document (an older unit, here a scripted one on the same broker)
        refusingUnit(broker.url(), "till-9");
        Path baud = doc("baud.json", "{\"version\": 200, \"scanner\": {\"baud\": 9600}}");
        assertEquals(1, fleet("config", "push", baud.toString(), "--unit", "till-9", url));
        assertTrue(out.toString().contains("till-9") && out.toString().contains("rejected"), out.toString());
        assertTrue(out.toString().contains("scanner.baud: not supported by this unit"), out.toString());
        assertEquals("stampbox-fleet: version 200 applied by 0 of 1 targeted units", err.toString().strip());

        // below what till-2 runs: the unit itself answers stale
        Path old = doc("old.json", "{\"version\": 50, \"codes\": {\"cooldownSeconds\": 5}}");
        assertEquals(1, fleet("config", "push", old.toString(), "--unit", "till-2", url, "--json"));
        assertEquals("stale", outcomes().get(0).path("outcome").asText(), out.toString());
        assertEquals("version: 50 is not above the applied 100", outcomes().get(0).path("errors").get(0).asText());

        // a list with a unit nobody knows
        Path next = doc("next.json", "{\"version\": 300, \"codes\": {\"cooldownSeconds\": 40}}");
        assertEquals(1, fleet("config", "push", next.toString(), "--unit", "till-3,ghost", url, "--json"));
        assertEquals("ghost", outcomes().get(0).path("unit").asText());
        assertEquals("unknown", outcomes().get(0).path("outcome").asText());
        assertEquals("applied", outcomes().get(1).path("outcome").asText(), out.toString());

        // the same version again: applied already, said at once
        assertEquals(1, fleet("config", "push", next.toString(), "--unit", "till-3", url));
        assertTrue(out.toString().contains("stale") && out.toString().contains("applied already"), out.toString());

        // status: desired against in effect per layer, the rejection, the unit that only has a desired document
        assertEquals(0, fleet("status", url, "--json"), err.toString());
        JsonNode rows = JSON.readTree(out.toString());
        assertEquals("ghost", rows.get(0).path("unit").asText(), rows.toString());
        assertEquals(List.of("unit"), JSON.convertValue(rows.get(0).path("pending"), List.class), "never applied");
        JsonNode till1 = rows.get(1);
        assertEquals("bakery-7", till1.path("storeId").asText(), till1.toString());
        assertEquals(100, till1.path("desired").path("unit").asLong());
        assertEquals(100, till1.path("reported").path("unit").asLong());
        assertEquals(100, till1.path("configVersion").asLong());
        JsonNode till9 = rows.get(4);
        assertEquals("till-9", till9.path("unit").asText(), rows.toString());
        assertEquals(200, till9.path("desired").path("unit").asLong());
        assertEquals(0, till9.path("pending").size(), "rejected, not pending");
        assertEquals(200, till9.path("rejected").path("version").asLong());
        assertEquals(0, fleet("status", url));
        assertTrue(out.toString().contains("till-9: rejected unit version 200: scanner.baud: not supported by this unit"),
                out.toString());
        assertTrue(out.toString().contains("ghost: pending unit"), out.toString());

        // forget: a retired unit's retained topics cleared; an online one refused; an unknown one said
        assertEquals(0, fleet("forget", "ghost", url, "--json"), err.toString());
        assertEquals("stampbox/v1/ghost/config/desired", JSON.readTree(out.toString()).path("cleared").get(0).asText());
        assertEquals(0, fleet("status", url, "--json"));
        assertEquals("till-1", JSON.readTree(out.toString()).get(0).path("unit").asText(), "ghost is gone");
        assertEquals(1, fleet("forget", "till-1", url));
        assertEquals("stampbox-fleet: till-1 is online: stop or rename it first (or give --force)", err.toString().strip());
        assertEquals(1, fleet("forget", "nobody", url));
        assertTrue(err.toString().startsWith("stampbox-fleet: nothing is retained for nobody"), err.toString());

        assertEquals(1, fleet("config", "push", good.toString(), "--store", "nowhere", url));
        assertTrue(err.toString().startsWith("stampbox-fleet: no unit's status names store \"nowhere\""), err.toString());

        Path fleetDoc = doc("fleet.json", "{\"version\": 400, \"codes\": {\"repeatWindowMs\": 1500}}");
        assertEquals(1, fleet("config", "push", fleetDoc.toString(), "--fleet", url), out.toString() + err);
        assertEquals(3, out.toString().lines().filter(l -> l.contains(" applied")).count(), out.toString());
        assertTrue(out.toString().contains("till-9") && err.toString().contains("applied by 3 of 4"), out + " " + err);
        assertEquals(0, fleet("config", "push", fleetDoc.toString(), "--fleet", url, "--no-wait", "--json"));
        assertFalse(JSON.readTree(out.toString()).path("waited").asBoolean(true));
    }

    @Test
    void aPushThatChangesWhereDataGoesNeedsAYes() throws Exception {
        MosquittoBroker broker = MosquittoBroker.builder(dir).start();
        open.add(broker);
        java.security.KeyPair key = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = Files.writeString(dir.resolve("fleet.key"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Path moving = doc("moving.json", "{\"version\": 5, \"mqtt\": {\"topicRoot\": \"elsewhere/v1\"}}");
        String url = "--url=" + broker.url();
        assertEquals(2, fleet("config", "push", moving.toString(), "--unit", "till-1", url, "--sign-key", pem.toString(),
                "--json"));
        assertTrue(err.toString().startsWith("stampbox-fleet: this document changes where the units' data goes"
                + " (mqtt.topicRoot)"), err.toString());
        assertTrue(JSON.readTree(out.toString()).path("error").asText().endsWith("give --yes to push it"));
        fleet("config", "show", "till-1", url, "--json");
        assertTrue(JSON.readTree(out.toString()).path("desired").path("unit").isNull(), "nothing was pushed: " + out);
        assertEquals(1, fleet("config", "push", moving.toString(), "--unit", "till-1", url, "--sign-key", pem.toString(),
                "--yes"));
        assertTrue(out.toString().contains("unknown"), out.toString());
    }
}
