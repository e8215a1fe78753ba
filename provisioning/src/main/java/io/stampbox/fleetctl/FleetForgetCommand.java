package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.toolkit.Exit;
import io.stampbox.toolkit.ToolFailure;
import io.stampbox.wire.Status;
import io.stampbox.wire.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code forget UNIT}: clears every retained message under a retired unit's topics (status, health,
 * {@code config/reported}, {@code config/desired}, ...) with empty retained messages, so {@code status} no
 * longer lists it. An online unit is refused: it would publish its status again at once.
 */
@Command(name = "forget", description = "Clear a retired or renamed unit's retained topics (status, health,"
        + " config/reported, config/desired) so that status no longer lists it. Refused while the unit is online.")
final class FleetForgetCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    FleetBroker broker;

    @Parameters(paramLabel = "UNIT", description = "the unit's device.id")
    String unit;

    @Option(names = "--force", description = "clear it even though its status says online")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Topics topics = broker.unit(unit);
        MqttClient client = broker.connect();
        List<String> cleared;
        try {
            Map<String, String> found = FleetInbox.retainedOnce(client, broker, List.of(topics.device("#")));
            if (found.isEmpty()) {
                throw ToolFailure.failed("nothing is retained for " + unit + " under " + broker.root
                        + " (a typo? stampbox-fleet status lists the units)");
            }
            if (!force && online(found.get(topics.status()))) {
                throw ToolFailure.failed(unit + " is online: stop or rename it first (or give --force)");
            }
            cleared = found.keySet().stream().sorted().toList();
            for (String topic : cleared) {
                broker.publish(client, topic, new byte[0], true);
            }
        } finally {
            FleetBroker.close(client);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (broker.json) {
            ObjectNode node = JSON.createObjectNode().put("unit", unit);
            cleared.forEach(node.putArray("cleared")::add);
            out.println(node);
        } else {
            out.println("forgot " + unit + ": cleared " + cleared.size() + " retained topics");
            cleared.forEach(t -> out.println("  " + t));
        }
        return Exit.OK;
    }

    private static boolean online(String status) {
        try {
            return status != null && Boolean.TRUE.equals(Status.fromJson(status.getBytes(StandardCharsets.UTF_8)).online());
        } catch (IOException e) {
            return false;
        }
    }
}
