package io.stampbox.fleet;

import io.stampbox.wire.Topics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.outbox.Outbox;
import io.stampbox.outbox.OutboxException;
import io.stampbox.outbox.StoredEvent;
import io.stampbox.testing.ManualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet's timed paths (rollback window, flush's wait) on a manual scheduler: minutes in milliseconds. */
class FleetTimingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ManualScheduler time = new ManualScheduler();
    private final ScriptedUplink uplink = new ScriptedUplink();

    private FleetStart boot() throws Exception {
        Map<String, JsonNode> file = ConfigLoader.flatten("""
                {"device": {"id": "u1", "store": "s"}, "scanner": {"type": "stdin"}, "storage": {"dir": "%s"},
                 "codes": {"cardPattern": "^C(?<card>.+)$"}, "mqtt": {"url": "tcp://127.0.0.1:1"},
                 "feedback": {"platform": "none"}, "config": {"rollbackSeconds": 120}}
                """.formatted(dir));
        UnitConfig local = ConfigLoader.fromLayers(file, Map.of(), Map.of(), 0);
        Files.createDirectories(local.storage().dir());
        return FleetStart.boot(file, local);
    }

    private JsonNode lastReport() throws Exception {
        List<ScriptedUplink.Published> reports = uplink.published(Topics.CONFIG_REPORTED);
        return JSON.readTree(reports.get(reports.size() - 1).payload());
    }

    @Test
    void aChangeThatNeverConnectsIsRolledBackWhenItsWindowEndsAndNotASecondBefore() throws Exception {
        FleetStart start = boot();
        AtomicReference<UnitConfig> config = new AtomicReference<>(start.config());
        FleetConfiguration fleet = new FleetConfiguration(start, config, new InertUnit(dir), time, time.clock());
        fleet.attach(uplink);
        uplink.connect();
        fleet.start();
        uplink.stop(); // the broker is away when the change comes: it cannot be confirmed

        uplink.deliver(Topics.CONFIG_DESIRED, Topics.CONFIG_DESIRED,
                "{\"version\": 7, \"health\": {\"intervalSeconds\": 30}}");
        assertEquals(7, config.get().version());
        time.advance(119_999);
        assertEquals(7, config.get().version(), "still inside config.rollbackSeconds (120 s)");
        time.advance(1);
        assertEquals(0, config.get().version(), "rolled back to what last connected");

        uplink.connect();
        JsonNode report = lastReport();
        assertEquals(7, report.path("rejected").path("version").asLong());
        assertTrue(report.path("rejected").path("errors").get(0).asText()
                .startsWith("rollback: no broker connection within 120 s"), report.toString());
        assertEquals(0, time.pending(), "nothing left scheduled");
    }

    @Test
    void aConnectWithinTheWindowKeepsTheChange() throws Exception {
        FleetStart start = boot();
        AtomicReference<UnitConfig> config = new AtomicReference<>(start.config());
        FleetConfiguration fleet = new FleetConfiguration(start, config, new InertUnit(dir), time, time.clock());
        fleet.attach(uplink);
        fleet.start();

        uplink.deliver(Topics.CONFIG_DESIRED, Topics.CONFIG_DESIRED,
                "{\"version\": 8, \"health\": {\"intervalSeconds\": 30}}");
        time.advance(60_000);
        uplink.connect();
        time.advance(600_000);
        assertEquals(8, config.get().version());
        assertEquals(8, lastReport().path("version").asLong());
    }

    /** A unit whose outbox empties when the test says so; otherwise inert. */
    private static final class Draining extends InertUnit {
        final AtomicLong depth = new AtomicLong(3);
        final AtomicInteger flushes = new AtomicInteger();
        final AtomicInteger healthReports = new AtomicInteger();

        Draining(Path dir) {
            super(dir);
        }

        @Override
        public Outbox outbox() {
            return new DepthOnly(depth);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }

        @Override
        public void reportHealth() {
            healthReports.incrementAndGet();
        }
    }

    private void sendFlush(Draining unit, String request) {
        FleetCommands commands = new FleetCommands(unit, time, time.clock());
        commands.attach(uplink);
        uplink.connect();
        uplink.deliver(Topics.COMMANDS, "stampbox/v1/unit-1/cmd/flush", request);
    }

    private JsonNode result() throws Exception {
        List<ScriptedUplink.Published> results = uplink.published(Topics.COMMAND_RESULT);
        return results.isEmpty() ? null : JSON.readTree(results.get(results.size() - 1).payload());
    }

    @Test
    void flushWaitsOnTheSchedulerUntilTheOutboxIsEmptyThenRepublishesHealthAndAnswers() throws Exception {
        Draining unit = new Draining(dir);
        sendFlush(unit, "{\"id\": \"f1\", \"args\": {\"waitMs\": 10000}}");
        assertEquals(1, unit.flushes.get(), "the drainer was woken");
        time.advance(4_000);
        assertEquals(null, result(), "still waiting: 3 events pending");
        unit.depth.set(0);
        time.advance(50);
        JsonNode result = result();
        assertEquals("f1", result.path("id").asText());
        assertEquals(3, result.path("result").path("before").asLong());
        assertEquals(0, result.path("result").path("left").asLong());
        assertEquals(1, unit.healthReports.get(), "health published again right after the flush");
        assertEquals(0, time.pending());
    }

    @Test
    void flushAnswersWithWhatIsLeftWhenItsWaitEnds() throws Exception {
        Draining unit = new Draining(dir);
        sendFlush(unit, "{\"id\": \"f2\", \"args\": {\"waitMs\": 30000}}");
        time.advance(29_950);
        assertEquals(null, result());
        time.advance(100);
        assertEquals(3, result().path("result").path("left").asLong());
        assertTrue(result().path("ok").asBoolean());
        assertEquals(1, unit.healthReports.get());
    }

    @Test
    void aWaitThatIsNotAWholeNumberIsRefusedNotIgnored() throws Exception {
        Draining unit = new Draining(dir);
        sendFlush(unit, "{\"id\": \"f3\", \"args\": {\"waitMs\": \"abc\"}}");
        JsonNode result = result();
        assertEquals(false, result.path("ok").asBoolean(true), result.toString());
        assertEquals("waitMs: must be a whole number of milliseconds >= 0 (at most 30000 is used), got \"abc\"",
                result.path("error").asText());
        assertEquals(0, unit.flushes.get(), "nothing was flushed");
    }

    /** An outbox of which flush reads only the depth. */
    private record DepthOnly(AtomicLong left) implements Outbox {
        @Override
        public long nextSeq() {
            return 1;
        }

        @Override
        public void append(List<StoredEvent> events, Map<String, Long> cardStamps) throws OutboxException {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredEvent> read(long fromSeq, int max) {
            return List.of();
        }

        @Override
        public void acknowledgeThrough(long seq) {}

        @Override
        public long depth() {
            return left.get();
        }

        @Override
        public long oldestPendingSeq() {
            return 0;
        }

        @Override
        public Map<String, Long> cardStamps() {
            return Map.of();
        }

        @Override
        public void retainCardStampsFor(long millis) {}

        @Override
        public void onAppend(Runnable listener) {}

        @Override
        public void close() {}
    }
}
