package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.logs.Levels;
import io.stampbox.logs.LogRing;
import io.stampbox.time.Scheduler;
import io.stampbox.uplink.Uplink;
import io.stampbox.wire.LogBatch;
import io.stampbox.wire.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cmd/logs} and {@code cmd/log-level} (firmware-host/docs/fleet.md "Logs"): recent lines from the
 * {@link LogRing}, a page at a time within the uplink's message size; a follow that publishes new lines on
 * {@code logs} (not retained, QoS 0) for a while at a bounded rate; a log level that returns by itself.
 *
 * <p>Thread: "fleet" only (commands, the follow's ticks and the level's return are all scheduled there).
 */
final class LogCommands {

    static final Set<String> NAMES = Set.of("logs", "log-level");
    static final int DEFAULT_MAX = 200;
    static final int MAX_LINES = 1_000;
    /** Of a page: well under the 256 KiB packets the uplink allows. */
    static final int MAX_PAGE_BYTES = 96 * 1024;
    /** Of one message while following; with {@link #FOLLOW_TICK_MILLIS} at most 128 KiB/s. */
    static final int MAX_FOLLOW_BYTES = 32 * 1024;
    static final int MAX_FOLLOW_LINES = 200;
    static final long FOLLOW_TICK_MILLIS = 250;
    static final long MAX_FOLLOW_SECONDS = 600;
    static final long DEFAULT_LEVEL_MINUTES = 15;
    static final long MAX_LEVEL_MINUTES = 24 * 60;

    private static final Logger log = LoggerFactory.getLogger(LogCommands.class);

    private final LogRing ring;
    private final Scheduler fleet;
    private final Clock clock;
    private Scheduler.Task levelReturn;
    private Scheduler.Task followTick;
    private Instant followUntil;
    private long followAfter;
    private Levels.Floor followFloor = Levels.Floor.ALL;

    LogCommands(LogRing ring, Scheduler fleet, Clock clock) {
        this.ring = ring;
        this.fleet = fleet;
        this.clock = clock;
        Levels.configured(); // taken now, before any change
    }

    ObjectNode run(String name, JsonNode args, Uplink to) throws CommandException {
        return name.equals("logs") ? logs(args, to) : level(args);
    }

    private ObjectNode logs(JsonNode args, Uplink to) throws CommandException {
        Instant since = args.hasNonNull("since") ? instant(args.get("since")) : null;
        int max = (int) number(args, "max", 1, MAX_LINES, DEFAULT_MAX);
        long follow = number(args, "follow", 0, MAX_FOLLOW_SECONDS, 0);
        Levels.Floor floor = floor(args);
        long after = since != null || args.hasNonNull("after") ? number(args, "after", 0, Long.MAX_VALUE, 0)
                : ring.tailStart(floor, max); // neither: the newest lines
        LogRing.Page page = ring.read(after, since, floor, max, MAX_PAGE_BYTES);
        if (follow > 0) {
            follow(to, page.next(), floor, follow);
        }
        return (ObjectNode) batch(page, followUntil == null ? null : followUntil.toString(), null).toTree();
    }

    private void follow(Uplink to, long after, Levels.Floor floor, long seconds) {
        Instant until = clock.instant().plusSeconds(seconds);
        followFloor = floor;
        if (followTick == null) {
            followAfter = after;
            followTick = fleet.schedule(() -> tick(to), FOLLOW_TICK_MILLIS);
        }
        followUntil = followUntil == null || until.isAfter(followUntil) ? until : followUntil;
    }

    /** One message of new lines (if any), then the next tick; the last one says {@code end}. */
    private void tick(Uplink to) {
        boolean end = !clock.instant().isBefore(followUntil);
        LogRing.Page page = ring.read(followAfter, null, followFloor, MAX_FOLLOW_LINES, MAX_FOLLOW_BYTES);
        followAfter = page.next();
        if (!page.lines().isEmpty() || page.dropped() > 0 || end) {
            to.publish(Topics.LOGS, batch(page, end ? null : followUntil.toString(), end ? true : null).toJson(), 0, false)
                    .exceptionally(e -> null); // a follower that misses a message sees it in the next's numbers
        }
        if (end) {
            followTick = null;
            followUntil = null;
        } else {
            followTick = fleet.schedule(() -> tick(to), FOLLOW_TICK_MILLIS);
        }
    }

    private ObjectNode level(JsonNode args) throws CommandException {
        String level = text(args, "level");
        long minutes = number(args, "minutes", 1, MAX_LEVEL_MINUTES, DEFAULT_LEVEL_MINUTES);
        try {
            Levels.set(level);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        if (levelReturn != null) {
            levelReturn.cancel();
        }
        Instant until = clock.instant().plusSeconds(minutes * 60);
        levelReturn = fleet.schedule(this::levelBack, minutes * 60_000);
        log.info("log level {} until {} (remote command), then {}", Levels.current(), until, Levels.configured());
        return JsonNodeFactory.instance.objectNode().put("level", Levels.current()).put("until", until.toString())
                .put("configuredLevel", Levels.configured());
    }

    private void levelBack() {
        levelReturn = null;
        Levels.reset();
        log.info("log level back to the configured {}", Levels.configured());
    }

    private static LogBatch batch(LogRing.Page page, String followingUntil, Boolean end) {
        return new LogBatch(page.lines().stream().map(l -> new LogBatch.Entry(l.n(), l.at().toString(), l.level(),
                l.thread(), l.logger(), l.message())).toList(), page.more(), page.next(), page.dropped(),
                Levels.current(), Levels.configured(), followingUntil, end);
    }

    private static Levels.Floor floor(JsonNode args) throws CommandException {
        if (!args.hasNonNull("level")) {
            return Levels.Floor.ALL;
        }
        try {
            return Levels.floor(text(args, "level"));
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
    }

    private static String text(JsonNode args, String field) throws CommandException {
        JsonNode value = args.path(field);
        if (!value.isTextual()) {
            throw new CommandException(field + ": must be a level name (" + String.join(", ", Levels.NAMES)
                    + "), got " + (value.isMissingNode() ? "nothing" : FleetCommands.escaped(value.toString(), 40)));
        }
        return value.asText();
    }

    private static long number(JsonNode args, String field, long min, long max, long fallback) throws CommandException {
        JsonNode value = args.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw new CommandException(field + ": must be a whole number in " + min + ".." + max + ", got "
                    + FleetCommands.escaped(value.toString(), 40));
        }
        return value.longValue();
    }

    private static Instant instant(JsonNode value) throws CommandException {
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new CommandException("since: must be an ISO-8601 instant such as 2026-11-30T10:00:00Z, got "
                    + FleetCommands.escaped(value.toString(), 40));
        }
    }
}
