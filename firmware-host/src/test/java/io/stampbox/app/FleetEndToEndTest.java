package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.PtyPair;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.PtyTest;
import io.stampbox.testing.SlowTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 3.4 and 3.5 against the whole unit (a child JVM) and real mosquitto processes. */
@ProcessTest
@BrokerTest
@PtyTest
@SlowTest
class FleetEndToEndTest {

    private static final String UNIT = "e2e-unit";
    private static final String FLEET_DESIRED = "_fleet/config/desired";
    private static final String UNIT_DESIRED = UNIT + "/config/desired";

    @TempDir
    Path dir;

    private Path config(String url) throws Exception {
        return UnitConfigs.write(dir, "{\"type\": \"stdin\"}",
                "\"mqtt\": {\"url\": \"" + url + "\"}, \"health\": {\"intervalSeconds\": 5}");
    }

    private PtyPair pty(String name) throws Exception {
        return PtyPair.start(java.nio.file.Files.createDirectories(dir.resolve(name)));
    }

    private static String scan(UnitProcess unit, String code) throws Exception {
        unit.type(code);
        return unit.awaitSignal();
    }

    @Test
    void layeredChangesHoldFromTheNextScanAndBadOrStaleDocumentsDoNot() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                FleetCloud cloud = new FleetCloud(broker.url(), UNIT);
                UnitProcess unit = UnitProcess.start(config(broker.url()), dir)) {
            unit.awaitReady();
            cloud.report("the boot report", r -> r.path("version").asLong() == 0);
            assertTrue(scan(unit, "LOY-123456").startsWith("SIGNAL rejected"));

            cloud.publish(FLEET_DESIRED, """
                    {"version": 10, "codes": {"cardPattern": "^LOY-(?<card>[0-9]{4,12})$"}}""", true);
            JsonNode applied = cloud.report("fleet v10", r -> r.path("version").asLong() == 10).json();
            assertEquals(64, applied.path("hash").asText().length(), applied.toString());
            assertTrue(applied.has("appliedAt"), applied.toString());
            assertTrue(scan(unit, "LOY-123457").startsWith("SIGNAL accepted"));
            assertTrue(scan(unit, "CARD-ABCD1").startsWith("SIGNAL rejected"));

            // the unit's own document overrides the fleet's
            cloud.publish(UNIT_DESIRED, """
                    {"version": 11, "codes": {"cardPattern": "^CARD-(?<card>[A-Z0-9]{4,32})$"}}""", true);
            JsonNode both = cloud.report("unit v11", r -> r.path("version").asLong() == 11).json();
            assertEquals(10, both.path("layers").path("fleet").asLong());
            assertEquals(11, both.path("layers").path("unit").asLong());
            assertTrue(scan(unit, "CARD-ABCD2").startsWith("SIGNAL accepted"));
            assertTrue(scan(unit, "LOY-123458").startsWith("SIGNAL rejected"));

            // stale (ignored), then invalid JSON, an invalid value and a local-only key (rejected, field named)
            cloud.publish(UNIT_DESIRED, "{\"version\": 11, \"codes\": {\"cardPattern\": \"^X$\"}}", true);
            cloud.publish(UNIT_DESIRED, "{\"version\": 12, \"codes\": ", true);
            JsonNode notJson = cloud.report("invalid JSON", r -> r.has("rejected")).json();
            assertEquals(11, notJson.path("version").asLong(), notJson.toString());
            assertTrue(notJson.path("rejected").path("errors").get(0).asText().startsWith("config: not valid JSON"),
                    notJson.toString());
            cloud.publish(UNIT_DESIRED, """
                    {"version": 13, "scanner": {"baud": "fast"}, "device": {"id": "other"}}""", true);
            JsonNode invalid = cloud.report("invalid values", r -> r.path("rejected").path("version").asLong() == 13)
                    .json();
            String errors = invalid.path("rejected").path("errors").toString();
            assertTrue(errors.contains("device.id: may only be set in the unit's local file"), errors);
            cloud.publish(UNIT_DESIRED, "{\"version\": 14, \"scanner\": {\"baud\": \"fast\"}}", true);
            invalid = cloud.report("invalid baud", r -> r.path("rejected").path("version").asLong() == 14).json();
            errors = invalid.path("rejected").path("errors").toString();
            assertTrue(errors.contains("scanner.baud: must be one of 1200..921600, got \\\"fast\\\""), errors);
            assertEquals(11, invalid.path("version").asLong());
            for (FleetCloud.Message m : cloud.seen()) {
                assertFalse(m.text().contains("\"version\":11,\"appliedAt\"") && m.json().has("rejected")
                        && m.json().path("rejected").path("version").asLong() == 11, "stale v11 was handled: " + m);
            }
            assertTrue(scan(unit, "CARD-ABCD3").startsWith("SIGNAL accepted"), "keeps scanning");

            // restart with the broker away: the last good layers hold
            unit.signal("TERM");
            assertEquals(0, unit.awaitExit(Duration.ofSeconds(20)));
            broker.stop();
            try (UnitProcess again = UnitProcess.start(config(broker.url()), dir)) {
                again.awaitReady();
                assertTrue(scan(again, "CARD-ABCD4").startsWith("SIGNAL accepted"));
                assertTrue(scan(again, "LOY-123459").startsWith("SIGNAL rejected"));
            }
        }
    }

    @Test
    void aScannerPortChangeReopensTheScannerOnTheNewPort() throws Exception {
        assumeTrue(PtyPair.socatAvailable(), "socat is not installed");
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                PtyPair first = pty("a");
                PtyPair second = pty("b");
                FleetCloud cloud = new FleetCloud(broker.url(), UNIT);
                UnitProcess unit = UnitProcess.start(UnitConfigs.write(dir, "{\"type\": \"serial\", \"port\": \""
                        + first.devicePath() + "\"}", "\"mqtt\": {\"url\": \"" + broker.url() + "\"}"), dir)) {
            unit.awaitReady();
            cloud.report("the boot report", r -> true);
            first.writeLine("CARD-PORTA1");
            assertTrue(unit.awaitSignal().startsWith("SIGNAL accepted"));
            cloud.publish(UNIT_DESIRED, "{\"version\": 2, \"scanner\": {\"port\": \"" + second.devicePath()
                    + "\", \"baud\": 115200}}", true);
            cloud.report("v2", r -> r.path("version").asLong() == 2 && !r.has("rejected"));
            second.writeLine("CARD-PORTB1");
            assertTrue(unit.awaitSignal().startsWith("SIGNAL accepted"), "reads the new port");
        }
    }

    @Test
    void aChangeToADeadBrokerIsRolledBackAndReportedOnceBack() throws Exception {
        int dead = MosquittoBroker.freePort();
        java.security.KeyPair key = io.stampbox.setup.FleetKeys.generate();
        Path pub = java.nio.file.Files.writeString(dir.resolve("fleet.pub"), io.stampbox.setup.FleetKeys.pem(key.getPublic()));
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                FleetCloud cloud = new FleetCloud(broker.url(), UNIT);
                UnitProcess unit = UnitProcess.start(signedConfig(broker.url(), pub), dir)) {
            unit.awaitReady();
            cloud.report("the boot report", r -> r.path("version").asLong() == 0);
            cloud.publish(UNIT_DESIRED, sign(key, """
                    {"version": 5, "scope": "e2e-unit", "mqtt": {"url": "tcp://127.0.0.1:%d"},
                     "config": {"rollbackSeconds": 10}}""".formatted(dead)), true);
            JsonNode back = cloud.await("the rollback report", m -> m.topic().endsWith("config/reported")
                    && m.json().path("rejected").path("version").asLong() == 5, Duration.ofSeconds(40)).json();
            assertEquals(0, back.path("version").asLong(), back.toString());
            assertEquals("rollback: no broker connection within 10 s after applying version 5",
                    back.path("rejected").path("errors").get(0).asText());
            assertTrue(scan(unit, "CARD-ROLL1").startsWith("SIGNAL accepted"));
            // the retained v5 is delivered again on every subscribe and stays ignored; a new version applies
            cloud.publish(UNIT_DESIRED, "{\"version\": 6, \"codes\": {\"cooldownSeconds\": 60}}", true);
            cloud.report("v6", r -> r.path("version").asLong() == 6 && !r.has("rejected"));

            // power cut inside the window: the unit boots with layers that never connected and rolls back too
            cloud.publish(UNIT_DESIRED, sign(key, """
                    {"version": 7, "scope": "e2e-unit", "mqtt": {"url": "tcp://127.0.0.1:%d"},
                     "config": {"rollbackSeconds": 10}}""".formatted(dead)), true);
            Path kept = dir.resolve("data").resolve("config").resolve("applied.json");
            Await.until("v7 kept on disk", Duration.ofSeconds(20),
                    () -> java.nio.file.Files.readString(kept).contains("127.0.0.1:" + dead));
            unit.kill9();
            try (UnitProcess again = UnitProcess.start(signedConfig(broker.url(), pub), dir)) {
                again.awaitReady();
                JsonNode after = cloud.await("the rollback after a restart", m -> m.topic().endsWith("config/reported")
                        && m.json().path("rejected").path("version").asLong() == 7, Duration.ofSeconds(40)).json();
                assertEquals(6, after.path("version").asLong(), after.toString());
                assertTrue(scan(again, "CARD-ROLL2").startsWith("SIGNAL accepted"));
            }
        }
    }

    private Path signedConfig(String url, Path fleetKey) throws Exception {
        return UnitConfigs.write(dir, "{\"type\": \"stdin\"}", "\"mqtt\": {\"url\": \"" + url + "\"},"
                + " \"health\": {\"intervalSeconds\": 5}, \"setup\": {\"publicKeyFile\": \"" + fleetKey + "\"}");
    }

    static String sign(java.security.KeyPair key, String inner) throws Exception {
        return io.stampbox.config.SignedDocument.seal(inner.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                key.getPrivate());
    }

    @Test
    void commandsAnswerOnCmdResult() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                FleetCloud cloud = new FleetCloud(broker.url(), UNIT)) {
            // a retained command waiting for the unit (a "ghost" after a reconnect) is not executed
            cloud.publish(UNIT + "/cmd/restart", "{\"id\": \"ghost\"}", true);
            try (UnitProcess unit = UnitProcess.start(config(broker.url()), dir)) {
                commands(unit, cloud);
            }
        }
    }

    private void commands(UnitProcess unit, FleetCloud cloud) throws Exception {
        {
            unit.awaitReady();
            JsonNode ghost = cloud.result("ghost").json();
            assertFalse(ghost.path("ok").asBoolean());
            assertTrue(ghost.path("error").asText().contains("retained"), ghost.toString());
            cloud.publish(UNIT + "/cmd/restart", "", true); // clears it
            assertTrue(scan(unit, "CARD-CMD01").startsWith("SIGNAL accepted"));

            cloud.publish(UNIT + "/cmd/identify", "{\"id\": \"c1\"}", false);
            JsonNode identify = cloud.result("c1").json();
            assertTrue(identify.path("ok").asBoolean(), identify.toString());
            assertEquals("identify", identify.path("name").asText());

            cloud.publish(UNIT + "/cmd/selftest", "{\"id\": \"c2\", \"args\": {}}", false);
            JsonNode selftest = cloud.result("c2").json().path("result");
            assertEquals("writable", selftest.path("storage").asText(), selftest.toString());
            assertEquals("open", selftest.path("outbox").asText());
            assertEquals("connected", selftest.path("uplink").asText());
            assertEquals("connected", selftest.path("scanner").asText());

            cloud.publish(UNIT + "/cmd/flush", "{\"id\": \"c3\"}", false);
            JsonNode flush = cloud.result("c3").json();
            assertEquals(0, flush.path("result").path("left").asLong(), flush.toString());

            cloud.publish(UNIT + "/cmd/outbox", "{\"id\": \"c4\"}", false);
            JsonNode outbox = cloud.result("c4").json().path("result");
            assertEquals(0, outbox.path("depth").asLong(), outbox.toString());
            assertEquals(1, outbox.path("newest").path("seq").asLong(), outbox.toString());

            cloud.publish(UNIT + "/cmd/dance", "{\"id\": \"c5\"}", false);
            JsonNode unknown = cloud.result("c5").json();
            assertFalse(unknown.path("ok").asBoolean());
            assertEquals("unknown command: dance", unknown.path("error").asText());

            cloud.publish(UNIT + "/cmd/identify", "not json", false);
            JsonNode malformed = cloud.await("malformed", m -> m.topic().endsWith("cmd/result")
                    && m.json().path("id").isNull(), Duration.ofSeconds(20)).json();
            assertTrue(malformed.path("error").asText().startsWith("malformed request"), malformed.toString());
            cloud.publish(UNIT + "/cmd/identify", "{\"args\": {}}", false);
            JsonNode noId = cloud.await("no id", m -> m.topic().endsWith("cmd/result")
                    && m.json().path("error").asText().contains("\"id\""), Duration.ofSeconds(20)).json();
            assertFalse(noId.path("ok").asBoolean());

            assertTrue(scan(unit, "CARD-CMD02").startsWith("SIGNAL accepted"), "still up after the ghost");

            cloud.publish(UNIT + "/cmd/restart", "{\"id\": \"c6\"}", false);
            assertTrue(cloud.result("c6").json().path("ok").asBoolean());
            assertEquals(Main.EXIT_RESTART, unit.awaitExit(Duration.ofSeconds(20)));
        }
    }
}
