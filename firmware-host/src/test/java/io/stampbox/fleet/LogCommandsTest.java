package io.stampbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.logs.Levels;
import io.stampbox.logs.LogRing;
import io.stampbox.testing.ManualScheduler;
import io.stampbox.wire.LogBatch;
import io.stampbox.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualScheduler fleet = new ManualScheduler();
    private final LogRing ring = new LogRing(2_000, 512 * 1024);
    private final LogCommands commands = new LogCommands(ring, fleet, fleet.clock());
    private final ScriptedUplink uplink = new ScriptedUplink();

    @AfterEach
    void levelBack() {
        Levels.reset();
    }

    private JsonNode run(String name, String args) throws Exception {
        return commands.run(name, JSON.readTree(args), uplink);
    }

    private void log(int count) {
        for (int i = 0; i < count; i++) {
            ring.add(fleet.clock().instant(), "INFO", "scan-pipeline", "ScanDecision", "line " + (ring.last() + 1));
        }
    }

    private List<LogBatch> followed() throws Exception {
        List<LogBatch> out = new java.util.ArrayList<>();
        for (ScriptedUplink.Published p : uplink.published(Topics.LOGS)) {
            assertFalse(p.retained());
            out.add(LogBatch.fromJson(p.payload().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void aPageStaysWithinItsBoundsAndTheNextOneGoesOn() throws Exception {
        log(1500);
        LogBatch newest = LogBatch.fromTree(run("logs", "{\"max\": 3}"));
        assertEquals(List.of(1498L, 1499L, 1500L), newest.lines().stream().map(LogBatch.Entry::n).toList(),
                "without since or after: the newest lines");
        LogBatch first = LogBatch.fromTree(run("logs", "{\"after\": 0, \"max\": 1000}"));
        assertTrue(first.more());
        assertTrue(first.lines().size() < 1000, "cut by size: " + first.lines().size());
        assertTrue(JSON.writeValueAsBytes(first).length <= LogCommands.MAX_PAGE_BYTES);
        LogBatch second = LogBatch.fromTree(run("logs", "{\"after\": " + first.next() + ", \"max\": 1000}"));
        assertEquals(first.next() + 1, second.lines().get(0).n());
        LogBatch last = second;
        while (last.more()) {
            last = LogBatch.fromTree(run("logs", "{\"after\": " + last.next() + ", \"max\": 1000}"));
        }
        assertEquals(1500, last.lines().get(last.lines().size() - 1).n());
        assertEquals(200, LogBatch.fromTree(run("logs", "{}")).lines().size(), "200 by default");
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("max: must be a whole number in 1..1000, got 0",
                assertThrows(CommandException.class, () -> run("logs", "{\"max\": 0}")).getMessage());
        assertEquals("since: must be an ISO-8601 instant such as 2026-11-30T10:00:00Z, got \"yesterday\"",
                assertThrows(CommandException.class, () -> run("logs", "{\"since\": \"yesterday\"}")).getMessage());
        assertEquals("follow: must be a whole number in 0..600, got 3600",
                assertThrows(CommandException.class, () -> run("logs", "{\"follow\": 3600}")).getMessage());
        assertEquals("level: must be one of TRACE, DEBUG, INFO, WARN, ERROR, got \"LOUD\"",
                assertThrows(CommandException.class, () -> run("log-level", "{\"level\": \"LOUD\"}")).getMessage());
        assertEquals("minutes: must be a whole number in 1..1440, got 0", assertThrows(CommandException.class,
                () -> run("log-level", "{\"level\": \"DEBUG\", \"minutes\": 0}")).getMessage());
    }

    @Test
    void aFollowPublishesNewLinesAtABoundedRateThenEnds() throws Exception {
        log(3);
        LogBatch answer = LogBatch.fromTree(run("logs", "{\"follow\": 2, \"after\": 0, \"max\": 1}"));
        assertEquals(1, answer.next(), "the page ends at line 1; the follow goes on from there");
        assertTrue(answer.followingUntil() != null);
        fleet.advance(LogCommands.FOLLOW_TICK_MILLIS);
        assertEquals(List.of(2L, 3L), followed().get(0).lines().stream().map(LogBatch.Entry::n).toList());
        log(1000);
        fleet.advance(LogCommands.FOLLOW_TICK_MILLIS);
        assertEquals(LogCommands.MAX_FOLLOW_LINES, followed().get(1).lines().size(), "one message per tick, bounded");
        fleet.advance(LogCommands.FOLLOW_TICK_MILLIS);
        fleet.advance(2_000);
        List<LogBatch> all = followed();
        assertTrue(all.size() <= 2_250 / LogCommands.FOLLOW_TICK_MILLIS + 1, all.size() + " messages");
        assertEquals(Boolean.TRUE, all.get(all.size() - 1).end());
        int count = uplink.published(Topics.LOGS).size();
        log(5);
        fleet.advance(5_000);
        assertEquals(count, uplink.published(Topics.LOGS).size(), "nothing after the end");
    }

    @Test
    void theLevelReturnsByItself() throws Exception {
        String configured = Levels.configured();
        JsonNode set = run("log-level", "{\"level\": \"debug\", \"minutes\": 15}");
        assertEquals("DEBUG", set.path("level").asText());
        assertEquals("DEBUG", Levels.current());
        assertEquals(ManualScheduler.EPOCH.plusSeconds(900).toString(), set.path("until").asText());
        fleet.advance(14 * 60_000);
        assertEquals("DEBUG", Levels.current());
        run("log-level", "{\"level\": \"TRACE\", \"minutes\": 2}");
        fleet.advance(60_000);
        assertEquals("TRACE", Levels.current(), "the newer change's time counts, not the older one's");
        fleet.advance(60_000);
        assertEquals(configured, Levels.current());
    }
}
