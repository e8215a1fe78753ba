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
import io.stampbox.toolkit.Failures;
import io.stampbox.toolkit.ToolFailure;
import io.stampbox.wire.ConfigReport;
import io.stampbox.wire.Topics;

/** {@code config push} and {@code config show}. */
@Command(name = "config", description = "Push a desired configuration, or show what a unit runs.",
        subcommands = {FleetConfigCommand.Push.class, FleetConfigCommand.Show.class})
final class FleetConfigCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final class Target {
        @Option(names = "--unit", paramLabel = "ID", split = ",", required = true,
                description = "these units' own documents (repeat, or ID,ID,...)")
        List<String> units;

        @Option(names = "--store", paramLabel = "STORE", required = true,
                description = "the own documents of every unit whose status names this store (device.store)")
        String store;

        @Option(names = "--fleet", required = true, description = "the document for every unit (" + Topics.FLEET + ")")
        boolean fleet;
    }

    @Command(name = "push", description = {"Validate a desired document with the unit's own validator, publish it"
            + " retained, and wait for each targeted unit's report: applied, rejected (with the errors), stale,"
            + " offline, unknown or no answer. Exit 0 only when every targeted unit applied it.",
        "Without \"version\" in the file, the current time in epoch milliseconds is used. A document that sets"
            + " mqtt.* (where data goes) is pushed only after a yes at the terminal, or with --yes."})
    static final class Push implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        FleetBroker broker;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Parameters(paramLabel = "FILE", description = "the desired document (JSON)")
        Path file;

        @Option(names = "--no-wait", description = "publish and return at once, without waiting for the units")
        boolean noWait;

        @Option(names = "--yes", description = "push a document that changes where data goes (mqtt.*) without asking")
        boolean yes;

        @Option(names = "--sign-key", paramLabel = "PEM", description = "sign with the fleet's private key (the one"
                + " setup codes are signed with): needed for mqtt.url, mqtt.topicRoot and the other signed-only keys,"
                + " and for \"reset\": true; each unit's document is signed for its own scope")
        Path signKey;

        @Override
        public Integer call() throws Exception {
            String text;
            try {
                text = withVersion(Files.readString(file, StandardCharsets.UTF_8), System.currentTimeMillis());
            } catch (IOException e) {
                throw ToolFailure.usage("cannot read the document: " + Failures.describe(e), e);
            }
            if (target.units != null) {
                target.units.forEach(broker::unit); // a bad unit id is a usage error before anything else
            }
            String first = target.fleet ? Topics.FLEET : target.units != null ? target.units.get(0) : "unit";
            RemoteDocument doc;
            java.security.PrivateKey key = null;
            try {
                if (signKey != null) {
                    key = SignedDocument.privateKey(signKey);
                    doc = RemoteDocument.toBeSigned(withScope(text, first), first, java.time.Instant.now());
                } else {
                    doc = RemoteDocument.read(text, null, null, java.time.Instant.now());
                }
                doc.validateAlone();
            } catch (ConfigException e) {
                throw ToolFailure.usage(file + ": not a valid desired document, nothing pushed",
                        e.errors().stream().map(m -> "config error: " + m).toList());
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw ToolFailure.usage("--sign-key " + signKey + ": " + e.getMessage(), e);
            }
            PushGuard.confirm(doc, yes, spec.commandLine().getErr());
            FleetPush.Result result = new FleetPush(broker).run(new FleetPush.Targets(target.units, target.store,
                    target.fleet), doc.version(), payloads(text, key), !noWait);
            return PushReport.print(result, broker, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    /** The payload for a scope ({@code _fleet} or a unit id): the document, or sealed for that scope. */
    static java.util.function.Function<String, String> payloads(String text, java.security.PrivateKey key) {
        if (key == null) {
            return scope -> text;
        }
        return scope -> {
            try {
                return SignedDocument.seal(withScope(text, scope).getBytes(StandardCharsets.UTF_8), key);
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw ToolFailure.usage("cannot sign the document for " + scope + ": " + e.getMessage(), e);
            }
        };
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
                found = FleetInbox.retainedOnce(client, broker, List.of(fleet, desired, reported));
            } finally {
                FleetBroker.close(client);
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
            if (!found.containsKey(reported)) {
                spec.commandLine().getErr().println("stampbox-fleet: " + unit + " has reported no configuration"
                        + " (an unknown unit, or one that never connected)");
                return Exit.FAILED;
            }
            return Exit.OK;
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
