package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 against the whole unit (a child JVM) and a real mosquitto: each document that took over, bricked or
 * blinded a unit is now refused with a precise report, changes nothing, and the unit keeps scanning.
 */
@ProcessTest
@BrokerTest
@SlowTest
class RemoteAttacksEndToEndTest {

    private static final String UNIT = "e2e-unit";
    private static final String UNIT_DESIRED = UNIT + "/config/desired";

    @TempDir
    Path dir;

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 3000));
    }

    private static String scan(UnitProcess unit, String code) throws Exception {
        unit.type(code);
        return unit.awaitSignal();
    }

    private static JsonNode refused(FleetCloud cloud, String what, long version) throws InterruptedException {
        return cloud.report(what, r -> r.has("rejected") && (version < 0
                ? r.path("rejected").path("version").isNull() : r.path("rejected").path("version").asLong() == version))
                .json();
    }

    @Test
    void hostileDocumentsAreRefusedAndTheUnitKeepsScanning() throws Exception {
        int other = MosquittoBroker.freePort();
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                FleetCloud cloud = new FleetCloud(broker.url(), UNIT);
                UnitProcess unit = UnitProcess.start(UnitConfigs.write(dir, "{\"type\": \"stdin\"}",
                        "\"mqtt\": {\"url\": \"" + broker.url() + "\"}"), dir)) {
            unit.awaitReady();
            cloud.report("the boot report", r -> r.path("version").asLong() == 0);

            // Redirect: an unsigned document cannot send the unit (and its password) to another broker.
            cloud.publish(UNIT_DESIRED, "{\"version\": 2, \"mqtt\": {\"url\": \"tcp://127.0.0.1:" + other + "\"}}", true);
            String errors = refused(cloud, "redirect", 2).path("rejected").path("errors").toString();
            assertTrue(errors.contains("mqtt.url: may only be set by a document signed with the fleet key"), errors);

            // Version lock: 2^63-1 is refused and does not raise the floor; a later normal version applies.
            cloud.publish(UNIT_DESIRED, "{\"version\": 9223372036854775807, \"codes\": {\"cooldownSeconds\": 5}}", true);
            errors = refused(cloud, "version lock", Long.MAX_VALUE).path("rejected").path("errors").toString();
            assertTrue(errors.contains("version: more than a year ahead"), errors);
            cloud.publish(UNIT_DESIRED, "{\"version\": 3, \"codes\": {\"repeatWindowMs\": 1000}}", true);
            cloud.report("v3 after the lock", r -> r.path("version").asLong() == 3 && !r.has("rejected"));

            // Brick: a 70,000-character topic root, and a deeply nested document.
            cloud.publish(UNIT_DESIRED, "{\"version\": 4, \"mqtt\": {\"topicRoot\": \"" + "r".repeat(70_000) + "\"}}",
                    true);
            errors = refused(cloud, "huge topic root", -1).path("rejected").path("errors").toString();
            assertTrue(errors.contains("bytes refused (at most 65536)"), errors);
            cloud.publish(UNIT_DESIRED, "{\"version\": 5, " + "\"a\": {".repeat(2000) + "}".repeat(2001), true);
            errors = refused(cloud, "deep nesting", -1).path("rejected").path("errors").toString();
            assertTrue(errors.contains("config: not valid JSON: Document nesting depth"), errors);

            // Silencing: scanner type, feedback platform, outbox size, rotating-code strength are local.
            cloud.publish(UNIT_DESIRED, """
                    {"version": 6, "scanner": {"type": "serial"}, "feedback": {"platform": "none"},
                     "storage": {"maxEvents": 1}, "codes": {"totp": {"periodSeconds": 3600}}}""", true);
            errors = refused(cloud, "silencing", 6).path("rejected").path("errors").toString();
            for (String key : new String[] {"scanner.type", "feedback.platform", "storage.maxEvents",
                    "codes.totp.periodSeconds"}) {
                assertTrue(errors.contains(key + ": may only be set in the unit's local file"), errors);
            }

            // A forged log line through a value: escaped in the report and in the log.
            cloud.publish(UNIT_DESIRED, "{\"version\": 7, \"device\": {\"store\": \"x\\nERROR forged\"}}", true);
            JsonNode forged = refused(cloud, "control characters", 7);
            assertTrue(forged.toString().contains("x\\\\u000aERROR forged"), forged.toString());

            assertEquals(3, forged.path("version").asLong(), "still on v3");

            // Out of memory, fleet-wide: a retained 2 MB fleet document never reaches the unit. Under MQTT 5 (the
            // default) the unit's maximum packet size is 256 KiB, so the broker does not send it; under 3.1.1 the
            // uplink drops it unread before it is queued (SubscriptionsBoundsTest).
            cloud.publish("_fleet/config/desired", "{\"version\": 8, \"device.store\": \"" + "x".repeat(2_000_000)
                    + "\"}", true);
            assertTrue(scan(unit, "CARD-SAFE00").startsWith("SIGNAL accepted"), "scanning while it is retained");
            assertFalse(io.stampbox.testing.Await.within(Duration.ofSeconds(3),
                    () -> unit.stderr().contains("version 8")), () -> tail(unit.stderr()));
            assertTrue(!unit.stderr().contains("\nERROR forged"), "the forged line never reaches the log unescaped");
            assertTrue(scan(unit, "CARD-SAFE01").startsWith("SIGNAL accepted"), "keeps scanning");
        }
    }
}
