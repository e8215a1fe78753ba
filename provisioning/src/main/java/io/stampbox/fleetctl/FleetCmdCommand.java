package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.toolkit.Exit;
import io.stampbox.toolkit.ToolFailure;
import io.stampbox.wire.CommandRequest;
import io.stampbox.wire.CommandResult;
import io.stampbox.wire.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cmd UNIT NAME}: sends a command (not retained) and waits for its result. Exit 0 only when the
 * command ran and its result is ok: a result with {@code "ok": false} inside (a failed {@code selftest})
 * exits 1 and says what failed.
 */
@Command(name = "cmd", description = "Send a command (identify, selftest, flush, restart, outbox, logs, log-level) and wait for its"
        + " result.")
final class FleetCmdCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a selftest part says when it is fine. */
    private static final Set<String> FINE = Set.of("connected", "writable", "open", "played", "none");

    @Spec
    CommandSpec spec;

    @Mixin
    FleetBroker broker;

    @Parameters(index = "0", paramLabel = "UNIT", description = "the unit's device.id")
    String unit;

    @Parameters(index = "1", paramLabel = "NAME", description = "the command")
    String name;

    @Option(names = "--arg", paramLabel = "KEY=VALUE",
            description = "an argument, e.g. waitMs=10000 for flush; numbers and true/false as such")
    List<String> args = new ArrayList<>();

    @Option(names = "--expires-in", paramLabel = "SECONDS", defaultValue = "300",
            description = "the unit refuses the command after this many seconds (its expiresAt; default 300)")
    long expiresIn;

    @Override
    public Integer call() throws InterruptedException {
        if (expiresIn < 1) {
            throw ToolFailure.usage("--expires-in must be at least 1 second, got " + expiresIn, (Throwable) null);
        }
        CommandRequest request = CommandRequest.of(UUID.randomUUID().toString(), arguments())
                .expiringAt(java.time.Instant.now().plusSeconds(expiresIn));
        Topics topics = broker.unit(unit);
        String command;
        try {
            command = topics.command(name);
        } catch (IllegalArgumentException e) {
            throw ToolFailure.usage(e.getMessage(), e);
        }
        MqttClient client = broker.connect();
        FleetInbox.Arrival answer;
        try {
            FleetInbox inbox = new FleetInbox(client);
            client.subscribe(topics.commandResult(), 1);
            broker.publish(client, command, request.toJson(), false);
            answer = inbox.await(a -> {
                CommandResult r = parse(a.text());
                return r != null && request.id().equals(r.id());
            }, broker.timeout());
        } catch (MqttException e) {
            throw broker.lost(e);
        } finally {
            FleetBroker.close(client);
        }
        if (answer == null) {
            throw ToolFailure.failed("no result from " + unit + " for " + name + " within " + broker.timeoutSeconds
                    + " s (is the unit online? stampbox-fleet status)");
        }
        return print(parse(answer.text()), answer.text());
    }

    /** The result on stdout (as sent with {@code --json}); a failure also as one line on stderr, exit 1. */
    private int print(CommandResult result, String text) {
        PrintWriter out = spec.commandLine().getOut();
        List<String> failed = result.succeeded() ? failedParts(result) : List.of(result.error());
        if (broker.json) {
            out.println(text);
        } else if (result.result() != null) {
            out.println(name + " on " + unit + ": " + (failed.isEmpty() ? "ok " : "failed ") + result.result());
        }
        if (failed.isEmpty()) {
            return Exit.OK;
        }
        spec.commandLine().getErr().println("stampbox-fleet: " + name + " on " + unit + " failed: "
                + String.join(", ", failed));
        return Exit.FAILED;
    }

    /** For a result that says {@code "ok": false} inside: each part not fine, as {@code part: state}. */
    static List<String> failedParts(CommandResult result) {
        JsonNode inside = result.result();
        if (inside == null || !inside.path("ok").isBoolean() || inside.path("ok").asBoolean()) {
            return List.of();
        }
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> part : inside.properties()) {
            if (part.getValue().isTextual() && !FINE.contains(part.getValue().asText())
                    && !part.getKey().equals("platform")) {
                failed.add(part.getKey() + ": " + part.getValue().asText());
            }
        }
        return failed.isEmpty() ? List.of("ok: false") : failed;
    }

    private ObjectNode arguments() {
        ObjectNode node = JSON.createObjectNode();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw ToolFailure.usage("--arg must be KEY=VALUE, got \"" + arg + "\"", (Throwable) null);
            }
            node.set(arg.substring(0, eq), value(arg.substring(eq + 1)));
        }
        return node;
    }

    private static JsonNode value(String text) {
        try {
            JsonNode parsed = JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
            if (parsed != null && (parsed.isNumber() || parsed.isBoolean())) {
                return parsed;
            }
        } catch (IOException e) {
            // a plain string
        }
        return JSON.getNodeFactory().textNode(text);
    }

    /** @return null when the text is not a command result */
    private static CommandResult parse(String text) {
        try {
            return CommandResult.fromJson(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }
}
