package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.config.RemoteDocument;
import io.stampbox.toolkit.Exit;
import io.stampbox.wire.ConfigReport;
import io.stampbox.wire.Health;
import io.stampbox.wire.Status;
import io.stampbox.wire.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code status}: one row a unit from what is retained: status, health, the report and the desired
 * documents; desired against reported per layer, pending and rejected documents, outbox, last seen.
 */
@Command(name = "status", description = {"A table of units from the retained status, health, config/reported and"
        + " config/desired: online, store, version, configuration desired/in effect per layer (fleet, unit), outbox"
        + " depth, oldest pending, last seen; then each unit's pending layers and last rejection."})
final class FleetStatusCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-16s %-12s %-6s %-10s %-14s %-29s %-29s %7s %9s  %s%n";

    @Spec
    CommandSpec spec;

    @Mixin
    FleetBroker broker;

    @Override
    public Integer call() throws Exception {
        List<String> filters = List.of(broker.everyUnit(Topics.STATUS), broker.everyUnit(Topics.HEALTH),
                broker.everyUnit(Topics.CONFIG_REPORTED), broker.everyUnit(Topics.CONFIG_DESIRED), broker.fleetDesired());
        MqttClient client = broker.connect();
        Map<String, String> found;
        try {
            found = FleetInbox.retainedOnce(client, broker, filters);
        } finally {
            FleetBroker.close(client);
        }
        List<StatusRow> rows = rows(found, broker.root);
        PrintWriter out = spec.commandLine().getOut();
        if (broker.json) {
            out.println(JSON.writeValueAsString(rows));
            return Exit.OK;
        }
        out.printf(ROW, "UNIT", "STORE", "ONLINE", "VERSION", "CONFIG", "FLEET desired/in effect",
                "UNIT desired/in effect", "OUTBOX", "OLDEST(s)", "LAST SEEN");
        for (StatusRow r : rows) {
            out.printf(ROW, r.unit(), text(r.storeId()), r.online() == null ? "?" : r.online() ? "yes" : "no",
                    text(r.version()), text(r.configVersion()), layer(r.desired().fleet(), r.reported().fleet()),
                    layer(r.desired().unit(), r.reported().unit()), text(r.outboxDepth()),
                    text(r.oldestPendingSeconds()), text(r.lastSeen()));
        }
        for (StatusRow r : rows) {
            if (!r.pending().isEmpty()) {
                out.println(r.unit() + ": pending " + String.join(", ", r.pending()) + " (desired, not in effect yet)");
            }
            if (r.signals() != null && r.signals().startsWith("none: ")) {
                out.println(r.unit() + ": no LEDs or buzzer, " + r.signals().substring("none: ".length())
                        + " (the unit takes scans and retries)");
            }
            if (r.rejected() != null) {
                out.println(r.unit() + ": rejected " + r.rejected().scope() + " version " + r.rejected().version() + ": "
                        + String.join("; ", r.rejected().errors() == null ? List.of() : r.rejected().errors()));
            }
        }
        return Exit.OK;
    }

    private static String layer(Long desired, Long inEffect) {
        return text(desired) + "/" + text(inEffect);
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** One row a unit that has anything retained, sorted by id; documents that do not read are left out. */
    static List<StatusRow> rows(Map<String, String> retained, String root) {
        Map<String, Status> status = new TreeMap<>();
        Map<String, Health> health = new TreeMap<>();
        Map<String, ConfigReport> reports = new TreeMap<>();
        Map<String, Long> desired = new TreeMap<>();
        Long fleetDesired = null;
        for (Map.Entry<String, String> e : retained.entrySet()) {
            String topic = e.getKey();
            byte[] doc = e.getValue().getBytes(StandardCharsets.UTF_8);
            try {
                if (topic.equals(Topics.fleet(root, Topics.CONFIG_DESIRED))) {
                    fleetDesired = version(e.getValue());
                } else if (Topics.unitOf(root, topic, Topics.STATUS) != null) {
                    status.put(Topics.unitOf(root, topic, Topics.STATUS), Status.fromJson(doc));
                } else if (Topics.unitOf(root, topic, Topics.HEALTH) != null) {
                    health.put(Topics.unitOf(root, topic, Topics.HEALTH), Health.fromJson(doc));
                } else if (Topics.unitOf(root, topic, Topics.CONFIG_REPORTED) != null) {
                    reports.put(Topics.unitOf(root, topic, Topics.CONFIG_REPORTED), ConfigReport.fromJson(doc));
                } else if (Topics.unitOf(root, topic, Topics.CONFIG_DESIRED) != null) {
                    desired.put(Topics.unitOf(root, topic, Topics.CONFIG_DESIRED), version(e.getValue()));
                }
            } catch (IOException malformed) {
                // not a document of the contract: shown as unknown
            }
        }
        TreeSet<String> units = new TreeSet<>(status.keySet());
        units.addAll(health.keySet());
        units.addAll(reports.keySet());
        units.addAll(desired.keySet());
        units.remove(Topics.FLEET);
        Long fleet = fleetDesired;
        return units.stream().map(u -> StatusRow.of(u, status.get(u), health.get(u), reports.get(u), fleet,
                desired.get(u))).toList();
    }

    private static Long version(String json) {
        long v = RemoteDocument.versionOf(json);
        return v < 0 ? null : v;
    }
}
