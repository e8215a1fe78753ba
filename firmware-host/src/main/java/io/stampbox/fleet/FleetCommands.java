package io.stampbox.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.time.Scheduler;
import io.stampbox.uplink.MessageHandler;
import io.stampbox.uplink.Uplink;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import io.stampbox.wire.CommandRequest;
import io.stampbox.wire.CommandResult;
import io.stampbox.wire.Topics;

/**
 * Remote commands (contract section 3.5) on the unit: takes {@code cmd/<name>} requests, checks them,
 * runs them ({@link Commands}) and publishes each result on {@code cmd/result}; {@code restart} once its
 * result was sent.
 *
 * <p>Threads: requests are handled on the scheduler's thread ("fleet" in the unit, shared with
 * {@link FleetConfiguration}); the uplink's dispatcher only hands them over. A command that waits
 * ({@code flush}) does so by scheduling, never by blocking the thread.
 */
public final class FleetCommands {


    private final UnitControl control;
    private final Commands commands;
    private final Scheduler fleet;
    private volatile Uplink uplink;

    /** @param fleet the thread commands run on, and the time a command's wait is measured in */
    public FleetCommands(UnitControl control, Scheduler fleet, Clock clock) {
        this.control = control;
        this.fleet = fleet;
        this.commands = new Commands(control, fleet, clock);
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
        CommandRequest request;
        try {
            request = CommandRequest.parse(payload);
        } catch (IOException e) {
            publish(from, CommandResult.failed(name, null, e.getMessage()), false);
            return;
        }
        if (retained) {
            publish(from, CommandResult.failed(name, request.id(), "not executed: the command was a retained message ("
                    + name + "); send commands without the retain flag"), false);
            return;
        }
        CompletionStage<ObjectNode> out;
        try {
            out = commands.run(name, request.args());
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

    private void publish(Uplink to, CommandResult result, boolean thenRestart) {
        var sent = to.publish(Topics.COMMAND_RESULT, result.toJson(), 1, false);
        if (thenRestart) {
            sent.whenComplete((ok, failure) -> control.restart());
        }
    }
}
