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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode request = JSON.createObjectNode().put("id", UUID.randomUUID().toString());
        ObjectNode argsNode = request.putObject("args");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                err.println("stampbox-fleet: --arg must be KEY=VALUE, got \"" + arg + "\"");
                return Exit.USAGE;
            }
            argsNode.set(arg.substring(0, eq), value(arg.substring(eq + 1)));
        }
        String id = request.get("id").asText();
        MqttClient client = broker.connect();
        FleetInbox.Arrival answer;
        try {
            FleetInbox inbox = new FleetInbox(client);
            client.subscribe(broker.topic(unit, "cmd/result"), 1);
            client.publish(broker.topic(unit, "cmd/" + name), JSON.writeValueAsBytes(request), 1, false);
            answer = inbox.await(a -> id.equals(parse(a.text()).path("id").asText(null)),
                    Duration.ofSeconds(broker.timeoutSeconds));
        } finally {
            FleetBroker.close(client);
        }
        if (answer == null) {
            err.println("stampbox-fleet: no result from " + unit + " for " + name + " within " + broker.timeoutSeconds + " s");
            return Exit.FAILED;
        }
        JsonNode result = parse(answer.text());
        boolean ok = result.path("ok").asBoolean(false);
        if (broker.json) {
            out.println(result);
        } else if (ok) {
            out.println(name + " on " + unit + ": ok " + result.path("result"));
        } else {
            out.println(name + " on " + unit + ": failed: " + result.path("error").asText());
        }
        return ok ? Exit.OK : Exit.FAILED;
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

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? JSON.nullNode() : node;
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }
}
