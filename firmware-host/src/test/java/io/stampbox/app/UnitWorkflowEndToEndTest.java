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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staff workflows end to end: the daemon with console signals, presses typed as {@code !} / {@code !!}
 * ({@code staff.consolePresses}), a real mosquitto and a cloud subscriber on the scan topic.
 */
@ProcessTest
@BrokerTest
@SlowTest
class UnitWorkflowEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WITH_EVENT = Pattern.compile("SIGNAL ([a-z-]+) event=([0-9a-f-]{36}) seq=(\\d+)");

    @TempDir
    Path dir;

    private Path config(String url, String staff, String workflow) throws Exception {
        return UnitConfigs.write(dir, "{\"type\": \"stdin\"}", "", "\"mqtt\": {\"url\": \"" + url + "\"}, "
                + "\"staff\": {\"consolePresses\": true" + staff + "}, \"workflow\": {\"mode\": \"" + workflow + "\"}");
    }

    private static Matcher signal(UnitProcess unit, String name) throws InterruptedException {
        String line = unit.awaitSignal();
        Matcher m = WITH_EVENT.matcher(line);
        assertTrue(m.matches() && m.group(1).equals(name), "expected " + name + ", got " + line);
        return m;
    }

    private static List<JsonNode> events(CloudSubscriber cloud, int count) throws Exception {
        Await.until(count + " events at the broker", Duration.ofSeconds(20), () -> cloud.count() >= count,
                () -> "got " + cloud.count());
        List<JsonNode> events = new java.util.ArrayList<>();
        for (CloudSubscriber.Received r : cloud.received()) {
            events.add(JSON.readTree(r.payload()));
        }
        return events;
    }

    @Test
    void undoInsideTheWindowReachesTheBrokerOutsideItNothingChanges() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", "stampbox/v1/e2e-unit/scan", false);
                UnitProcess unit = UnitProcess.start(config(broker.url(), ", \"undoSeconds\": 2", "autopilot"), dir)) {
            unit.awaitReady();
            unit.type("CARD-1111");
            Matcher stamp = signal(unit, "accepted");
            unit.type("!");
            Matcher undone = signal(unit, "undone");
            assertEquals("2", undone.group(3));
            unit.type("CARD-2222");
            signal(unit, "accepted");
            Thread.sleep(2_300); // past staff.undoSeconds
            unit.type("!");
            assertEquals("SIGNAL nothing-to-undo", unit.awaitSignal());
            List<JsonNode> events = events(cloud, 3);
            JsonNode voidEvent = events.get(1);
            assertEquals("void", voidEvent.get("kind").asText());
            assertEquals(undone.group(2), voidEvent.get("eventId").asText());
            assertEquals(2, voidEvent.get("seq").asLong());
            assertEquals(stamp.group(2), voidEvent.get("voids").get("eventId").asText(), "names the voided stamp");
            assertEquals(1, voidEvent.get("voids").get("seq").asLong());
            assertEquals("1111", voidEvent.get("cardId").asText());
            assertTrue(voidEvent.get("code").isNull());
            assertEquals("stamp", events.get(0).get("kind").asText());
            assertTrue(!events.get(0).has("voids"), "a stamp carries no voids field: " + events.get(0));
            assertEquals(3, events.get(2).get("seq").asLong());
            assertEquals(3, cloud.count(), "nothing-to-undo publishes nothing");
        }
    }

    @Test
    void theUndoWindowDoesNotSurviveARestart() throws Exception {
        Path config = config("tcp://127.0.0.1:1", "", "autopilot"); // broker away: the void stays queued
        try (UnitProcess unit = UnitProcess.start(config, dir)) {
            unit.awaitReady();
            unit.type("CARD-1111");
            signal(unit, "accepted");
            unit.signal("TERM");
            assertEquals(0, unit.awaitExit(Duration.ofSeconds(20)), unit.stderr());
        }
        try (UnitProcess again = UnitProcess.start(config, dir)) {
            again.awaitReady();
            again.type("!");
            assertEquals("SIGNAL nothing-to-undo", again.awaitSignal());
            again.type("CARD-2222");
            assertEquals("2", signal(again, "accepted").group(3));
            again.type("!");
            assertEquals("3", signal(again, "undone").group(3), "a void offline is recorded like a stamp");
        }
    }

    @Test
    void staffConfirmWithAPressWithNoneAndWithASecondScan() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", "stampbox/v1/e2e-unit/scan", false);
                UnitProcess unit = UnitProcess.start(
                        config(broker.url(), ", \"confirmSeconds\": 3", "staff-confirm"), dir)) {
            unit.awaitReady();
            unit.type("CARD-1111");
            assertEquals("SIGNAL awaiting-staff", unit.awaitSignal());
            unit.type("!");
            Matcher first = signal(unit, "accepted");
            unit.type("CARD-2222");
            assertEquals("SIGNAL awaiting-staff", unit.awaitSignal());
            assertEquals("SIGNAL expired", unit.poll(Duration.ofSeconds(6)), "no press within confirmSeconds");
            unit.type("CARD-3333");
            assertEquals("SIGNAL awaiting-staff", unit.awaitSignal());
            unit.type("CARD-4444");
            assertEquals("SIGNAL awaiting-staff", unit.awaitSignal());
            unit.type("!");
            Matcher second = signal(unit, "accepted");
            assertEquals("2", second.group(3), "one press, one stamp: the second scan replaced the first");
            List<JsonNode> events = events(cloud, 2);
            assertEquals(first.group(2), events.get(0).get("eventId").asText());
            assertEquals("1111", events.get(0).get("cardId").asText());
            assertEquals("4444", events.get(1).get("cardId").asText());
            Thread.sleep(500);
            assertEquals(2, cloud.count(), "an expired or replaced scan publishes nothing");
        }
    }
}
