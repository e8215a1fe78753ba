package io.stampbox.fleet;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import io.stampbox.time.Scheduler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.outbox.Outbox;
import io.stampbox.outbox.StoredEvent;
import io.stampbox.wire.ScanEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The commands of contract section 3.5: {@code identify}, {@code selftest}, {@code flush},
 * {@code restart} and {@code outbox}; {@code update} and {@code update-cancel} (issue 13) through
 * {@link UpdateCommands}. Each returns its {@code result} object or throws a
 * {@link CommandException} whose message is the {@code error}. Runs on the "fleet" thread; a command
 * that waits ({@code flush}) completes its result later, from a task scheduled there.
 */
final class Commands {

    static final Duration DEFAULT_FLUSH_WAIT = Duration.ofSeconds(5);
    static final Duration MAX_FLUSH_WAIT = Duration.ofSeconds(30);
    /** How often {@code flush} looks at the depth: the outbox has no "emptied" notification. */
    static final long FLUSH_POLL_MILLIS = 50;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final UnitControl unit;
    private final Scheduler fleet;
    private final Clock clock;
    private final UpdateCommands updates;

    Commands(UnitControl unit, Scheduler fleet, Clock clock, UpdateCommands updates) {
        this.unit = unit;
        this.fleet = fleet;
        this.clock = clock;
        this.updates = updates;
    }

    /** The command's result: at once, or (for {@code flush}) once its wait is over. */
    CompletionStage<ObjectNode> run(String name, JsonNode args) throws CommandException {
        if (name.equals("flush")) {
            return flush(args);
        }
        return CompletableFuture.completedFuture(switch (name) {
            case "identify" -> identify();
            case "selftest" -> selftest();
            case "outbox" -> outbox();
            case "restart" -> restart();
            case "update" -> updates.update(args);
            case "update-cancel" -> updates.cancel();
            default -> throw new CommandException("unknown command: " + name);
        });
    }

    private ObjectNode identify() {
        unit.indicator().identify();
        return JSON.objectNode().put("identifying", true).put("platform", unit.signalPlatform());
    }

    private ObjectNode selftest() {
        ObjectNode result = JSON.objectNode();
        unit.indicator().identify();
        String platform = unit.signalPlatform();
        String signals = "none".equals(platform) ? "none" : "played";
        result.put("leds", signals).put("buzzer", signals).put("platform", platform);
        result.put("scanner", unit.scannerConnected() ? "connected" : "disconnected");
        result.put("storage", storageCheck());
        result.put("outbox", unit.outbox() == null ? "unavailable" : "open");
        result.put("uplink", unit.uplinkConnected() ? "connected" : "disconnected");
        result.put("ok", unit.scannerConnected() && "writable".equals(result.get("storage").asText())
                && unit.outbox() != null && unit.uplinkConnected());
        return result;
    }

    /** Writes, fsyncs and deletes a probe file in {@code storage.dir}. */
    private String storageCheck() {
        Path probe = unit.storageDir().resolve(".selftest");
        try (FileChannel out = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
            out.force(true);
        } catch (IOException e) {
            return "not writable: " + e.getMessage();
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // reported by the write already, or harmless
            }
        }
        return "writable";
    }

    /**
     * Wakes the drainer and waits up to {@code args.waitMs} (default 5 s, at most 30 s) for the outbox to
     * empty, while connected; then has health published again, and answers.
     */
    private CompletionStage<ObjectNode> flush(JsonNode args) throws CommandException {
        JsonNode wait = args.path("waitMs");
        if (!wait.isMissingNode() && !(wait.isIntegralNumber() && wait.canConvertToLong() && wait.longValue() >= 0)) {
            throw new CommandException("waitMs: must be a whole number of milliseconds >= 0 (at most "
                    + MAX_FLUSH_WAIT.toMillis() + " is used), got " + wait);
        }
        Outbox outbox = requireOutbox();
        long waitMs = Math.min(wait.asLong(DEFAULT_FLUSH_WAIT.toMillis()), MAX_FLUSH_WAIT.toMillis());
        long before = outbox.depth();
        unit.flush();
        CompletableFuture<ObjectNode> done = new CompletableFuture<>();
        awaitEmpty(outbox, before, fleet.nanos() + waitMs * 1_000_000L, done);
        return done;
    }

    private void awaitEmpty(Outbox outbox, long before, long deadlineNanos, CompletableFuture<ObjectNode> done) {
        try {
            if (outbox.depth() > 0 && unit.uplinkConnected() && fleet.nanos() - deadlineNanos < 0) {
                fleet.schedule(() -> awaitEmpty(outbox, before, deadlineNanos, done), FLUSH_POLL_MILLIS);
                return;
            }
            unit.reportHealth();
            done.complete(JSON.objectNode().put("before", before).put("left", outbox.depth())
                    .put("uplink", unit.uplinkConnected() ? "connected" : "disconnected"));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private ObjectNode outbox() throws CommandException {
        Outbox outbox = requireOutbox();
        ObjectNode result = JSON.objectNode().put("depth", outbox.depth());
        long oldest = outbox.oldestPendingSeq();
        result.set("oldest", oldest == 0 ? JSON.nullNode() : event(outbox, oldest));
        long newest = outbox.nextSeq() - 1;
        result.set("newest", newest < 1 ? JSON.nullNode() : event(outbox, newest));
        result.put("at", clock.instant().toString());
        return result;
    }

    /** {@code {"seq": N, "scannedAt": "..."}} for a pending event; just the seq for one already sent. */
    private static ObjectNode event(Outbox outbox, long seq) {
        ObjectNode node = JSON.objectNode().put("seq", seq);
        List<StoredEvent> found = outbox.read(seq, 1);
        if (!found.isEmpty() && found.get(0).seq() == seq) {
            node.put("scannedAt", ScanEvent.scannedAtOf(found.get(0).payload()));
            node.put("pending", true);
        } else {
            node.put("pending", false);
        }
        return node;
    }

    /** Only answers: the agent restarts the unit once this result was sent. */
    private ObjectNode restart() {
        return JSON.objectNode().put("restarting", true);
    }

    private Outbox requireOutbox() throws CommandException {
        Outbox outbox = unit.outbox();
        if (outbox == null) {
            throw new CommandException("outbox: cannot be opened in " + unit.storageDir());
        }
        return outbox;
    }
}
