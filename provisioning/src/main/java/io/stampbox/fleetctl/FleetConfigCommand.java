package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.RemoteDocument;
import io.stampbox.config.SignedDocument;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import io.stampbox.toolkit.Exit;
import io.stampbox.wire.ConfigReport;
import io.stampbox.wire.Topics;

/** {@code config push} and {@code config show}. */
@Command(name = "config", description = "Push a desired configuration, or show what a unit runs.",
        subcommands = {FleetConfigCommand.Push.class, FleetConfigCommand.Show.class})
final class FleetConfigCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final class Target {
        @Option(names = "--unit", paramLabel = "ID", required = true, description = "this unit's own document")
        String unit;

        @Option(names = "--fleet", required = true, description = "the document for every unit (" + Topics.FLEET + ")")
        boolean fleet;
    }

    @Command(name = "push", description = "Validate a desired document with the unit's own validator and publish it"
            + " retained. Without \"version\" in the file, the current time in epoch milliseconds is used.")
    static final class Push implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        FleetBroker broker;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Parameters(paramLabel = "FILE", description = "the desired document (JSON)")
        Path file;

        @Option(names = "--sign-key", paramLabel = "PEM", description = "sign with the fleet's private key (the one"
                + " setup codes are signed with): needed for mqtt.url, mqtt.topicRoot and the other signed-only keys,"
                + " and for \"reset\": true")
        Path signKey;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String text;
            try {
                text = withVersion(Files.readString(file, StandardCharsets.UTF_8), System.currentTimeMillis());
            } catch (IOException e) {
                err.println("stampbox-fleet: cannot read " + file + ": " + e.getMessage());
                return Exit.USAGE;
            }
            String topic = target.fleet ? broker.fleetDesired() : broker.unit(target.unit).desired();
            String scope = target.fleet ? Topics.FLEET : target.unit;
            RemoteDocument doc;
            try {
                if (signKey != null) {
                    String inner = withScope(text, scope);
                    doc = RemoteDocument.toBeSigned(inner, scope, java.time.Instant.now());
                    doc.validateAlone();
                    text = SignedDocument.seal(inner.getBytes(StandardCharsets.UTF_8), SignedDocument.privateKey(signKey));
                } else {
                    doc = RemoteDocument.read(text, null, scope, java.time.Instant.now());
                    doc.validateAlone();
                }
            } catch (ConfigException e) {
                e.errors().forEach(m -> err.println("config error: " + m));
                return Exit.USAGE;
            } catch (IOException | java.security.GeneralSecurityException e) {
                err.println("stampbox-fleet: --sign-key " + signKey + ": " + e.getMessage());
                return Exit.USAGE;
            }
            MqttClient client = broker.connect();
            try {
                client.publish(topic, text.getBytes(StandardCharsets.UTF_8), 1, true);
            } finally {
                FleetBroker.close(client);
            }
            if (broker.json) {
                out.println(JSON.createObjectNode().put("topic", topic).put("version", doc.version()));
            } else {
                out.println("pushed version " + doc.version() + " to " + topic);
            }
            return Exit.OK;
        }
    }

    /** The document with {@code "scope"} set, as a signed document must name it. */
    static String withScope(String text, String scope) throws IOException {
        JsonNode root = JSON.readTree(text);
        if (!(root instanceof ObjectNode object)) {
            return text;
        }
        object.put(SignedDocument.SCOPE, scope);
        return JSON.writeValueAsString(object);
    }

    /** The document with {@code "version"} added when it has none; otherwise unchanged. */
    static String withVersion(String text, long version) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            return text; // the validator names the problem
        }
        if (root instanceof ObjectNode object && !object.has(RemoteDocument.VERSION)) {
            ObjectNode versioned = JSON.createObjectNode().put(RemoteDocument.VERSION, version);
            versioned.setAll(object);
            return JSON.writeValueAsString(versioned);
        }
        return text;
    }

    @Command(name = "show", description = "The desired documents (fleet and unit) and what the unit reported.")
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        FleetBroker broker;

        @Parameters(paramLabel = "UNIT", description = "the unit's device.id")
        String unit;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Topics topics = broker.unit(unit);
            String fleet = topics.fleetDesired();
            String desired = topics.desired();
            String reported = topics.reported();
            MqttClient client = broker.connect();
            Map<String, String> found;
            try {
                found = FleetInbox.retained(client, broker, List.of(fleet, desired, reported),
                        Duration.ofSeconds(broker.timeoutSeconds));
            } finally {
                FleetBroker.close(client);
            }
            if (found == null) {
                spec.commandLine().getErr().println("stampbox-fleet: no answer from the broker in time");
                return Exit.FAILED;
            }
            ObjectNode view = JSON.createObjectNode().put("unit", unit);
            ObjectNode desiredNode = view.putObject("desired");
            desiredNode.set("fleet", json(found.get(fleet)));
            desiredNode.set("unit", json(found.get(desired)));
            view.set("reported", report(found.get(reported)));
            if (broker.json) {
                out.println(view);
            } else {
                out.println("unit:           " + unit);
                out.println("desired fleet:  " + view.path("desired").path("fleet"));
                out.println("desired unit:   " + view.path("desired").path("unit"));
                out.println("reported:       " + view.get("reported"));
            }
            return found.containsKey(reported) ? Exit.OK : Exit.FAILED;
        }

        /** The report as the unit sent it when it reads as one, else as {@link #json}. */
        private static JsonNode report(String text) {
            if (text != null) {
                try {
                    ConfigReport.fromJson(text.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return JSON.getNodeFactory().textNode(text);
                }
            }
            return json(text);
        }

        private static JsonNode json(String text) {
            if (text == null) {
                return JSON.nullNode();
            }
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                return JSON.getNodeFactory().textNode(text);
            }
        }
    }
}
