package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.time.Scheduler;
import io.stampbox.uplink.MessageHandler;
import io.stampbox.uplink.Uplink;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

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

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String REQUESTS = "cmd/+";
    static final String RESULT = "cmd/result";

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
        next.subscribe(REQUESTS, (MessageHandler) (t, p, r) -> FleetThread.run(fleet,
                () -> FleetThread.guarded(() -> command(next, t, p, r))));
    }

    private void command(Uplink from, String topic, byte[] payload, boolean retained) {
        if (from != uplink) {
            return;
        }
        String name = topic.substring(topic.lastIndexOf('/') + 1);
        if (name.equals("result") || payload.length == 0) {
            return; // our own answers, or a retained command being cleared
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("name", name);
        JsonNode request;
        try {
            request = JSON.readTree(payload);
        } catch (IOException e) {
            answer(from, result.putNull("id"), "malformed request: not valid JSON");
            return;
        }
        JsonNode id = request == null ? null : request.get("id");
        if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
            answer(from, result.putNull("id"), "malformed request: \"id\" (a non-empty string) is required");
            return;
        }
        result.put("id", id.textValue());
        if (retained) {
            answer(from, result, "not executed: the command was a retained message (" + name
                    + "); send commands without the retain flag");
            return;
        }
        CompletionStage<ObjectNode> out;
        try {
            out = commands.run(name, request.path("args"));
        } catch (CommandException e) {
            answer(from, result, e.getMessage());
            return;
        }
        out.whenComplete((done, failure) -> {
            if (failure == null) {
                result.put("ok", true).set("result", done);
                publish(from, result, name.equals("restart"));
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                answer(from, result, name + " failed: " + cause.getMessage());
            }
        });
    }

    private void answer(Uplink to, ObjectNode result, String error) {
        result.put("ok", false).put("error", error);
        publish(to, result, false);
    }

    private void publish(Uplink to, ObjectNode result, boolean thenRestart) {
        var sent = to.publish(RESULT, Reports.bytes(result), 1, false);
        if (thenRestart) {
            sent.whenComplete((ok, failure) -> control.restart());
        }
    }
}
