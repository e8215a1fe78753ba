package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import io.stampbox.toolkit.Exit;

/** {@code status}: one row a unit from the retained {@code status} and {@code health} documents. */
@Command(name = "status", description = "A table of units: online, version, config version, outbox depth,"
        + " oldest pending, last seen (from retained status and health).")
final class FleetStatusCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-20s %-7s %-14s %-14s %8s %10s  %s%n";

    @Spec
    CommandSpec spec;

    @Mixin
    FleetBroker broker;

    @Override
    public Integer call() throws Exception {
        MqttClient client = broker.connect();
        Map<String, String> found;
        try {
            found = FleetInbox.retained(client, broker,
                    List.of(broker.root + "/+/status", broker.root + "/+/health"), Duration.ofSeconds(broker.timeoutSeconds));
        } finally {
            FleetBroker.close(client);
        }
        if (found == null) {
            spec.commandLine().getErr().println("stampbox-fleet: no answer from the broker in time");
            return Exit.FAILED;
        }
        ArrayNode rows = rows(found, broker.root);
        PrintWriter out = spec.commandLine().getOut();
        if (broker.json) {
            out.println(rows);
            return Exit.OK;
        }
        out.printf(ROW, "UNIT", "ONLINE", "VERSION", "CONFIG", "OUTBOX", "OLDEST(s)", "LAST SEEN");
        for (JsonNode r : rows) {
            out.printf(ROW, r.path("unit").asText(), r.path("online").asText("?"), text(r, "version"),
                    text(r, "configVersion"), text(r, "outboxDepth"), text(r, "oldestPendingSeconds"), text(r, "lastSeen"));
        }
        return Exit.OK;
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? "-" : v.asText();
    }

    /** One object a unit, sorted by unit id. */
    static ArrayNode rows(Map<String, String> retained, String root) {
        Map<String, ObjectNode> units = new TreeMap<>();
        for (Map.Entry<String, String> e : retained.entrySet()) {
            String rest = e.getKey().substring(root.length() + 1);
            int slash = rest.indexOf('/');
            String unit = rest.substring(0, slash);
            JsonNode doc = parse(e.getValue());
            if (doc == null || unit.startsWith("_")) {
                continue;
            }
            ObjectNode row = units.computeIfAbsent(unit, u -> JSON.createObjectNode().put("unit", u));
            if (rest.endsWith("/status")) {
                row.set("online", doc.path("online"));
                row.set("version", doc.path("version"));
                row.set("configVersion", doc.path("configVersion"));
                row.set("bootedAt", doc.path("bootedAt"));
            } else {
                row.set("outboxDepth", doc.path("outboxDepth"));
                row.set("oldestPendingSeconds", doc.path("oldestPendingSeconds"));
                row.set("healthConfigVersion", doc.path("configVersion"));
                row.set("uptimeSeconds", doc.path("uptimeSeconds"));
            }
        }
        ArrayNode rows = JSON.createArrayNode();
        for (ObjectNode row : units.values()) {
            row.put("lastSeen", lastSeen(row));
            row.remove("uptimeSeconds");
            rows.add(row);
        }
        return rows;
    }

    /** When the last health report was made: boot time plus its uptime. */
    private static String lastSeen(ObjectNode row) {
        try {
            if (row.path("bootedAt").isTextual() && row.path("uptimeSeconds").canConvertToLong()) {
                return Instant.parse(row.path("bootedAt").asText())
                        .plusSeconds(row.path("uptimeSeconds").asLong()).toString();
            }
        } catch (DateTimeParseException e) {
            // shown as unknown
        }
        return null;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
