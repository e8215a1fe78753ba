package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.setup.FleetKeys;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.CloudSubscriber;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's case: a (signed) fleet document moves the unit to a topic root the broker's ACL denies. Under
 * MQTT 5 the unit connects, but every publish is refused (reason code 135): nothing leaves the outbox, the
 * change is rolled back at the end of {@code config.rollbackSeconds} and reported once back, and every scan
 * accepted meanwhile reaches the broker on the old root, in seq order.
 */
@ProcessTest
@BrokerTest
@SlowTest
class FleetDeniedRootEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aChangeToADeniedTopicRootIsRolledBackAndEveryScanIsDelivered() throws Exception {
        KeyPair key = FleetKeys.generate();
        Path pub = Files.writeString(dir.resolve("fleet.pub"), FleetKeys.pem(key.getPublic()));
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).allowAnonymous()
                        .acl("topic readwrite stampbox/v1/#").start();
                FleetCloud cloud = new FleetCloud(broker.url(), "e2e-unit");
                CloudSubscriber scans = new CloudSubscriber(broker.url(), "backend", "stampbox/v1/e2e-unit/scan", false);
                UnitProcess unit = UnitProcess.start(UnitConfigs.write(dir, "{\"type\": \"stdin\"}",
                        "\"mqtt\": {\"url\": \"" + broker.url() + "\"}, \"health\": {\"intervalSeconds\": 5},"
                                + " \"setup\": {\"publicKeyFile\": \"" + pub + "\"}"), dir)) {
            unit.awaitReady();
            cloud.report("the boot report", r -> r.path("version").asLong() == 0);
            assertTrue(scan(unit, "CARD-BEFORE1").startsWith("SIGNAL accepted"));
            Await.until("seq 1 on the broker", Duration.ofSeconds(20), () -> scans.count() == 1);

            cloud.publish("e2e-unit/config/desired", FleetEndToEndTest.sign(key, """
                    {"version": 5, "scope": "e2e-unit", "mqtt": {"topicRoot": "denied/v1"},
                     "config": {"rollbackSeconds": 10}}"""), true);
            Path kept = dir.resolve("data").resolve("config").resolve("applied.json");
            Await.until("v5 applied", Duration.ofSeconds(20), () -> Files.readString(kept).contains("denied/v1"),
                    () -> cloud.texts() + "\n" + unit.stderr());
            for (int i = 1; i <= 5; i++) {
                assertTrue(scan(unit, "CARD-DENIED" + i).startsWith("SIGNAL accepted"), "a scan is still recorded");
            }
            String refused = "status light: UPLINK_REFUSED";
            Await.until("the status light shows the refusal", Duration.ofSeconds(20),
                    () -> unit.stderr().contains(refused), unit::stderr);

            JsonNode back = cloud.await("the rollback report", m -> m.topic().endsWith("config/reported")
                    && m.json() != null && m.json().path("rejected").path("version").asLong() == 5,
                    Duration.ofSeconds(60)).json();
            assertEquals(0, back.path("version").asLong(), back.toString());
            String why = back.path("rejected").path("errors").get(0).asText();
            assertTrue(why.startsWith("rollback: publishes refused") && why.contains("not authorized"), why);
            Await.until("the status light back to ready", Duration.ofSeconds(20), () -> {
                String err = unit.stderr();
                return err.indexOf("status light: READY", err.lastIndexOf(refused)) > 0;
            }, unit::stderr);

            // at least once: a publish refused on the denied root may be sent twice; wait for every seq, not a count
            Await.until("all 6 seqs on the old root", Duration.ofSeconds(30), () -> seqs(scans).size() >= 6,
                    () -> seqs(scans).toString());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs(scans), "in seq order, none lost");
        }
    }

    /** The seqs received, each once, in the order they first arrived. */
    private static List<Long> seqs(CloudSubscriber scans) {
        List<Long> seqs = new ArrayList<>();
        for (CloudSubscriber.Received r : scans.received()) {
            try {
                seqs.add(JSON.readTree(r.text()).path("seq").asLong());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return seqs.stream().distinct().toList();
    }

    private static String scan(UnitProcess unit, String code) throws Exception {
        unit.type(code);
        return unit.awaitSignal();
    }
}
