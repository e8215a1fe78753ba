package io.stampbox.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.logs.LogRing;
import io.stampbox.time.Scheduler;
import io.stampbox.uplink.MessageHandler;
import io.stampbox.uplink.Uplink;
import io.stampbox.wire.CommandRequest;
import io.stampbox.wire.CommandResult;
import io.stampbox.wire.Topics;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote commands (contract section 3.5) on the unit: takes {@code cmd/<name>} requests, checks them,
 * runs them ({@link Commands}) and publishes each result on {@code cmd/result}; {@code restart} once its
 * result was sent.
 *
 * <p>A command runs at most once: its id is kept in the {@link CommandLedger} before it runs, and an id
 * seen before, a request past its {@code expiresAt}, one delivered retained (which the unit also clears)
 * and a {@code restart} over the rate limit are refused, the reason in the result's {@code error}. Under
 * MQTT 5 the broker drops a command whose message expiry has passed before delivering it; the unit's own
 * check is {@code expiresAt}, which holds under both protocols.
 *
 * <p>Threads: requests are handled on the scheduler's thread ("fleet" in the unit, shared with
 * {@link FleetConfiguration}); the uplink's dispatcher only hands them over. A command that waits
 * ({@code flush}) does so by scheduling, never by blocking the thread.
 */
public final class FleetCommands {

    private static final Logger log = LoggerFactory.getLogger(FleetCommands.class);

    private final UnitControl control;
    private final Commands commands;
    private final Scheduler fleet;
    private final Clock clock;
    private final CommandLedger ledger;
    private final LogCommands logs;
    private volatile Uplink uplink;

    /** @param fleet the thread commands run on, and the time a command's wait is measured in */
    public FleetCommands(UnitControl control, Scheduler fleet, Clock clock) {
        this(control, fleet, clock, new UpdateCommands(null, null));
    }

    /** @param updates {@code update} and {@code update-cancel} (issue 13) */
    FleetCommands(UnitControl control, Scheduler fleet, Clock clock, UpdateCommands updates) {
        this.control = control;
        this.fleet = fleet;
        this.clock = clock;
        this.commands = new Commands(control, fleet, clock, updates);
        this.ledger = CommandLedger.open(control.storageDir());
        this.logs = new LogCommands(LogRing.shared(), fleet, clock);
    }

    /** Subscribes to the commands on this uplink; requests from an uplink replaced since are ignored. */
    public void attach(Uplink next) {
        uplink = next;
        next.subscribe(Topics.COMMANDS, (MessageHandler) (t, p, r) -> FleetThread.run(fleet,
                () -> FleetThread.guarded(() -> command(next, t, p, r))));
    }

    private void command(Uplink from, String topic, byte[] payload, boolean retained) {
        if (from != uplink) {
            return;
        }
        String name = Topics.commandName(topic);
        if (name == null || payload.length == 0) {
            return; // our own answers, or a retained command being cleared
        }
        if (retained) {
            clearRetained(from, name);
        }
        CommandRequest request;
        try {
            request = CommandRequest.parse(payload);
        } catch (IOException e) {
            publish(from, CommandResult.failed(name, null, e.getMessage()), false);
            return;
        }
        Instant now = clock.instant();
        String refusal = refusal(name, request, retained, now);
        if (refusal == null) {
            refusal = take(name, request, now);
        }
        if (refusal != null) {
            log.warn("command: cmd/{} refused: {}", escaped(name, 64), escaped(refusal, 400));
            publish(from, CommandResult.failed(name, request.id(), refusal), false);
            return;
        }
        run(from, name, request);
    }

    /** Why the request must not run, or null. */
    private String refusal(String name, CommandRequest request, boolean retained, Instant now) {
        if (retained) {
            return "not executed: the command was a retained message (" + name
                    + "); the unit cleared it; send commands without the retain flag";
        }
        Instant seen = ledger.seen(request.id(), now);
        if (seen != null) {
            return "not executed: a command with id " + request.id() + " was already taken at " + seen
                    + "; a command runs at most once per id";
        }
        Instant expiry = request.expiry();
        if (expiry != null && !now.isBefore(expiry)) {
            return "not executed: expired at " + expiry + " (unit clock " + now + ")";
        }
        return name.equals("restart") ? ledger.restartRefusal(now) : null;
    }

    /** Records the id before the command runs: without a record there is no "at most once", so no run. */
    private String take(String name, CommandRequest request, Instant now) {
        try {
            ledger.take(request.id(), name.equals("restart"), now);
            return null;
        } catch (IOException | RuntimeException e) {
            return "not executed: cannot record the command id in " + ledger.file() + ": " + e.getMessage();
        }
    }

    private void run(Uplink from, String name, CommandRequest request) {
        CompletionStage<ObjectNode> out;
        try {
            out = LogCommands.NAMES.contains(name)
                    ? CompletableFuture.completedFuture(logs.run(name, request.args(), from))
                    : commands.run(name, request.args());
        } catch (CommandException e) {
            publish(from, CommandResult.failed(name, request.id(), e.getMessage()), false);
            return;
        }
        out.whenComplete((done, failure) -> {
            if (failure == null) {
                publish(from, CommandResult.done(name, request.id(), done), name.equals("restart"));
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                publish(from, CommandResult.failed(name, request.id(), name + " failed: " + cause.getMessage()), false);
            }
        });
    }

    /** Publishes an empty retained message on the command's topic, so the broker forgets it. */
    private static void clearRetained(Uplink to, String name) {
        String subtopic;
        try {
            subtopic = Topics.commandSubtopic(name);
        } catch (IllegalArgumentException e) {
            return; // not a topic the unit can publish on
        }
        to.publish(subtopic, new byte[0], 1, true).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("command: cannot clear the retained {}: {}", subtopic, failure.getMessage());
            }
        });
    }

    /** Remote text for a log line: printable ASCII as is, anything else as \\uXXXX, at most {@code max} characters. */
    static String escaped(String text, int max) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(max).forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '\\'
                ? Character.toString(c) : String.format("\\u%04x", c)));
        return text.length() > max ? out + "..." : out.toString();
    }

    private void publish(Uplink to, CommandResult result, boolean thenRestart) {
        var sent = to.publish(Topics.COMMAND_RESULT, result.toJson(), 1, false);
        if (thenRestart) {
            sent.whenComplete((ok, failure) -> control.restart());
        }
    }
}
