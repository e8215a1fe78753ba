package io.stampbox.fleetctl;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.toolkit.Exit;
import io.stampbox.wire.Health;
import io.stampbox.wire.Status;
import io.stampbox.wire.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

/** {@code status}: one row a unit from the retained {@code status} and {@code health} documents. */
@Command(name = "status", description = "A table of units: online, version, config version, outbox depth,"
        + " oldest pending, last seen (from retained status and health).")
final class FleetStatusCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-20s %-7s %-14s %-14s %8s %10s  %s%n";

    /**
     * One unit as {@code --json} prints it.
     *
     * @param healthConfigVersion the configuration version the last health report gave
     * @param lastSeen when the last health report was made: boot time plus its uptime
     */
    @JsonPropertyOrder({"unit", "online", "version", "configVersion", "bootedAt", "outboxDepth",
            "oldestPendingSeconds", "healthConfigVersion", "lastSeen"})
    record Row(String unit, Boolean online, String version, Long configVersion, String bootedAt, Long outboxDepth,
            Long oldestPendingSeconds, Long healthConfigVersion, String lastSeen) {

        static Row of(String unit, Status status, Health health) {
            Status s = status == null ? new Status(null, null, null, null, null) : status;
            Health h = health == null ? new Health(null, null, null, null, null, null, null, null, null, null, null, null)
                    : health;
            return new Row(unit, s.online(), s.version(), s.configVersion(), s.bootedAt(), h.outboxDepth(),
                    h.oldestPendingSeconds(), h.configVersion(), seenAt(s.bootedAt(), h.uptimeSeconds()));
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    FleetBroker broker;

    @Override
    public Integer call() throws Exception {
        List<String> filters = List.of(broker.everyUnit(Topics.STATUS), broker.everyUnit(Topics.HEALTH));
        MqttClient client = broker.connect();
        Map<String, String> found;
        try {
            found = FleetInbox.retained(client, broker, filters, Duration.ofSeconds(broker.timeoutSeconds));
        } finally {
            FleetBroker.close(client);
        }
        if (found == null) {
            spec.commandLine().getErr().println("stampbox-fleet: no answer from the broker in time");
            return Exit.FAILED;
        }
        List<Row> rows = rows(found, broker.root);
        PrintWriter out = spec.commandLine().getOut();
        if (broker.json) {
            out.println(JSON.writeValueAsString(rows));
            return Exit.OK;
        }
        out.printf(ROW, "UNIT", "ONLINE", "VERSION", "CONFIG", "OUTBOX", "OLDEST(s)", "LAST SEEN");
        for (Row r : rows) {
            out.printf(ROW, r.unit(), r.online() == null ? "?" : r.online(), text(r.version()),
                    text(r.configVersion()), text(r.outboxDepth()), text(r.oldestPendingSeconds()), text(r.lastSeen()));
        }
        return Exit.OK;
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** One row a unit, sorted by unit id; documents that do not read as status or health are left out. */
    static List<Row> rows(Map<String, String> retained, String root) {
        Map<String, Status> status = new TreeMap<>();
        Map<String, Health> health = new TreeMap<>();
        for (Map.Entry<String, String> e : retained.entrySet()) {
            byte[] doc = e.getValue().getBytes(StandardCharsets.UTF_8);
            try {
                String unit = Topics.unitOf(root, e.getKey(), Topics.STATUS);
                if (unit != null) {
                    status.put(unit, Status.fromJson(doc));
                }
                unit = Topics.unitOf(root, e.getKey(), Topics.HEALTH);
                if (unit != null) {
                    health.put(unit, Health.fromJson(doc));
                }
            } catch (IOException malformed) {
                // not a document of the contract: shown as unknown
            }
        }
        TreeMap<String, Row> rows = new TreeMap<>();
        for (String unit : status.keySet()) {
            rows.put(unit, Row.of(unit, status.get(unit), health.get(unit)));
        }
        for (String unit : health.keySet()) {
            rows.putIfAbsent(unit, Row.of(unit, null, health.get(unit)));
        }
        return List.copyOf(rows.values());
    }

    private static String seenAt(String bootedAt, Long uptimeSeconds) {
        try {
            if (bootedAt != null && uptimeSeconds != null) {
                return Instant.parse(bootedAt).plusSeconds(uptimeSeconds).toString();
            }
        } catch (DateTimeParseException e) {
            // shown as unknown
        }
        return null;
    }
}
