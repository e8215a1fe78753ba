package io.stampbox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.app.UnitProcess;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stampbox-provision status} on a running unit (a child JVM) whose layers come from a real broker. */
@ProcessTest
@BrokerTest
@SlowTest
class StatusCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private StringWriter out;
    private StringWriter err;

    private int provision(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    private Path config(String url) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, """
                {"device": {"id": "live-1", "store": "s"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "%s"}, "codes": {"cardPattern": "^CARD-(?<card>[A-Z0-9]{4,32})$",
                 "cooldownSeconds": 60}, "mqtt": {"url": "%s", "password": "hunter2", "username": "u"},
                 "feedback": {"platform": "console"}}
                """.formatted(dir.resolve("data"), url));
        return file;
    }

    @Test
    void showsTheRunningUnitsLayersScannerUplinkOutboxAndSignalsWithoutStoppingIt() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                UnitProcess unit = UnitProcess.start(config(broker.url()), dir)) {
            unit.awaitReady();
            String config = "--config=" + dir.resolve("config.json");
            try (MqttClient admin = new MqttClient(broker.url(), "admin", new MemoryPersistence())) {
                admin.connect();
                admin.publish("stampbox/v1/_fleet/config/desired",
                        "{\"version\": 5, \"codes\": {\"repeatWindowMs\": 2500}}".getBytes(StandardCharsets.UTF_8), 1, true);
                admin.publish("stampbox/v1/live-1/config/desired",
                        "{\"version\": 6, \"codes\": {\"cooldownSeconds\": 30}}".getBytes(StandardCharsets.UTF_8), 1, true);
                admin.disconnect();
            }
            Await.until("the unit's view of version 6", Duration.ofSeconds(20), () -> provision("status", config, "--json") == 0
                    && JSON.readTree(out.toString()).path("configVersion").asLong() == 6, () -> out + " " + err + unit.stderr());
            unit.type("CARD-ABCD1234");
            assertTrue(unit.awaitSignal().startsWith("SIGNAL accepted"));
            Await.until("the accepted signal in the view", Duration.ofSeconds(5), () -> provision("status", config, "--json") == 0
                    && JSON.readTree(out.toString()).path("lastSignals").size() == 1, () -> out + " " + err);

            JsonNode view = JSON.readTree(out.toString());
            JsonNode keys = view.path("config");
            assertEquals("unit", keys.path("codes.cooldownSeconds").path("source").asText(), keys.toString());
            assertEquals(30, keys.path("codes.cooldownSeconds").path("value").asLong());
            assertEquals("fleet", keys.path("codes.repeatWindowMs").path("source").asText());
            assertEquals("file", keys.path("device.id").path("source").asText());
            assertEquals("(set)", keys.path("mqtt.password").path("value").asText(), "no secret in the view");
            assertFalse(out.toString().contains("hunter2"));
            assertEquals(5, view.path("layers").path("fleet").asLong());
            assertEquals("CONNECTED", view.path("uplink").path("state").asText(), view.toString());
            assertTrue(view.path("scanner").path("connected").asBoolean());
            assertEquals(1, view.path("counters").path("accepted").asLong());
            assertEquals(unit.pid(), view.path("pid").asLong());
            Path file = dir.resolve("data/run/state.json");
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

            assertEquals(0, provision("status", config));
            String text = out.toString();
            assertTrue(text.startsWith("unit live-1 (store s), stampbox-host "), text);
            assertTrue(text.contains("uplink   CONNECTED " + broker.url()), text);
            assertTrue(text.contains("scanner  stdin: open"), text);
            assertTrue(text.matches("(?s).*\\n  codes\\.cooldownSeconds +unit +30\\n.*"), text);
            assertTrue(text.matches("(?s).*\\n  codes\\.repeatWindowMs +fleet +2500\\n.*"), text);
            assertTrue(text.contains("signals  accepted #1 at "), text);

            unit.signal("TERM");
            assertEquals(0, unit.awaitExit(Duration.ofSeconds(20)));
            assertFalse(Files.exists(file), "a clean stop takes the view away");
            assertEquals(1, provision("status", config));
            assertEquals("stampbox-provision: no live view at " + file + ": the unit is not running (systemctl status"
                    + " stampbox), or it is older than this tool", err.toString().strip());
        }
    }
}
