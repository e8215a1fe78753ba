package io.stampbox.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.RemoteDocument;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.ProcessTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** Issue 11: where data goes is pushed only signed; {@code --unit _fleet} is not a fleet-wide push. */
@BrokerTest
@ProcessTest
class FleetSignedPushTest extends FleetCliTest {

    @Test
    void redirectsNeedTheFleetKeyAndTheSignedDocumentNamesItsUnit() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = Files.writeString(dir.resolve("fleet.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Path doc = Files.writeString(dir.resolve("move.json"), "{\"version\": 9, \"mqtt\": {\"url\": \"ssl://b2:8883\"}}");
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start()) {
            String url = "--url=" + broker.url();
            assertEquals(2, fleet("config", "push", doc.toString(), "--unit", "till-1", url));
            assertTrue(err.toString().contains("config error: mqtt.url: may only be set by a document signed with the"
                    + " fleet key"), err.toString());
            assertEquals(2, fleet("config", "push", doc.toString(), "--unit", "_fleet", url));
            assertTrue(err.toString().contains("device.id: \"_fleet\" is reserved"), err.toString());

            assertEquals(0, fleet("config", "push", doc.toString(), "--unit", "till-1", "--sign-key", pem.toString(), url,
                    "--yes", "--no-wait"), err.toString());
            CompletableFuture<String> retained = new CompletableFuture<>();
            try (MqttClient reader = new MqttClient(broker.url(), "reader", new MemoryPersistence())) {
                reader.connect();
                reader.subscribe("stampbox/v1/till-1/config/desired", 1,
                        (t, m) -> retained.complete(new String(m.getPayload(), StandardCharsets.UTF_8)));
                String envelope = retained.get(10, TimeUnit.SECONDS);
                reader.disconnect();
                RemoteDocument read = RemoteDocument.read(envelope, key.getPublic(), "till-1", Instant.now());
                assertTrue(read.signed());
                assertEquals("ssl://b2:8883", read.keys().get("mqtt.url").asText());
                assertEquals(9, read.version());
            }
        }
    }
}
