package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import io.stampbox.toolkit.Exit;
import io.stampbox.wire.CommandRequest;
import io.stampbox.wire.CommandResult;
import io.stampbox.wire.Topics;

/** {@code cmd UNIT NAME}: sends a command (not retained) and waits for its result. */
@Command(name = "cmd", description = "Send a command (identify, selftest, flush, restart, outbox) and wait for its result.")
final class FleetCmdCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    FleetBroker broker;

    @Parameters(index = "0", paramLabel = "UNIT", description = "the unit's device.id")
    String unit;

    @Parameters(index = "1", paramLabel = "NAME", description = "the command")
    String name;

    @Option(names = "--arg", paramLabel = "KEY=VALUE", description = "an argument; numbers and true/false as such")
    List<String> args = new ArrayList<>();

    @Option(names = "--expires-in", paramLabel = "SECONDS", defaultValue = "300",
            description = "the unit refuses the command after this many seconds (its expiresAt; default 300)")
    long expiresIn;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode argsNode = JSON.createObjectNode();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                err.println("stampbox-fleet: --arg must be KEY=VALUE, got \"" + arg + "\"");
                return Exit.USAGE;
            }
            argsNode.set(arg.substring(0, eq), value(arg.substring(eq + 1)));
        }
        if (expiresIn < 1) {
            err.println("stampbox-fleet: --expires-in must be at least 1 second, got " + expiresIn);
            return Exit.USAGE;
        }
        CommandRequest request = CommandRequest.of(UUID.randomUUID().toString(), argsNode)
                .expiringAt(java.time.Instant.now().plusSeconds(expiresIn));
        Topics topics = broker.unit(unit);
        String command;
        try {
            command = topics.command(name);
        } catch (IllegalArgumentException e) {
            err.println("stampbox-fleet: " + e.getMessage());
            return Exit.USAGE;
        }
        MqttClient client = broker.connect();
        FleetInbox.Arrival answer;
        try {
            FleetInbox inbox = new FleetInbox(client);
            client.subscribe(topics.commandResult(), 1);
            client.publish(command, request.toJson(), 1, false);
            answer = inbox.await(a -> {
                CommandResult r = parse(a.text());
                return r != null && request.id().equals(r.id());
            }, Duration.ofSeconds(broker.timeoutSeconds));
        } finally {
            FleetBroker.close(client);
        }
        if (answer == null) {
            err.println("stampbox-fleet: no result from " + unit + " for " + name + " within " + broker.timeoutSeconds + " s");
            return Exit.FAILED;
        }
        CommandResult result = parse(answer.text());
        if (broker.json) {
            out.println(answer.text());
        } else if (result.succeeded()) {
            out.println(name + " on " + unit + ": ok " + result.result());
        } else {
            out.println(name + " on " + unit + ": failed: " + result.error());
        }
        return result.succeeded() ? Exit.OK : Exit.FAILED;
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
