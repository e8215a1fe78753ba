package io.stampbox.fleetctl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.stampbox.wire.ConfigReport;
import io.stampbox.wire.Health;
import io.stampbox.wire.Status;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One unit in {@code status}, from what is retained for it: status, health, {@code config/reported} and the
 * desired documents (its own and the fleet's).
 *
 * @param configVersion the freshest configuration version known: the report's, else health's, else status's
 * @param desired the versions of the desired documents (fleet, unit) on the broker; null when none
 * @param reported the versions of the layers the unit reports in effect
 * @param pending the layers ({@code fleet}, {@code unit}) whose desired version is above what is in effect
 *     and was not rejected: the unit has not applied it (yet)
 * @param rejected the last rejection the unit reported, with its errors
 * @param lastSeen when the last health report was made: boot time plus its uptime
 * @param signals what drives the unit's LEDs and buzzer ({@code gpio}, {@code none: <why>}, ...): health's,
 *     else status's; null from units that predate it
 */
@JsonPropertyOrder({"unit", "storeId", "online", "version", "configVersion", "bootedAt", "desired", "reported",
        "pending", "rejected", "outboxDepth", "oldestPendingSeconds", "healthConfigVersion", "lastSeen", "signals"})
record StatusRow(String unit, String storeId, Boolean online, String version, Long configVersion, String bootedAt,
        Layers desired, Layers reported, List<String> pending,
        @JsonInclude(JsonInclude.Include.NON_NULL) ConfigReport.Rejected rejected, Long outboxDepth,
        Long oldestPendingSeconds, Long healthConfigVersion, String lastSeen,
        @JsonInclude(JsonInclude.Include.NON_NULL) String signals) {

    /** The fleet and unit layer versions; null where there is none. */
    @JsonPropertyOrder({"fleet", "unit"})
    record Layers(Long fleet, Long unit) {}

    static StatusRow of(String unit, Status status, Health health, ConfigReport report, Long fleetDesired,
            Long unitDesired) {
        Status s = status == null ? new Status(null, null, null, null, null, null, null) : status;
        Health h = health == null ? new Health(null, null, null, null, null, null, null, null, null, null, null, null, null, null)
                : health;
        Layers reported = report == null || report.layers() == null ? new Layers(null, null)
                : new Layers(report.layers().fleet(), report.layers().unit());
        Long configVersion = report != null && report.version() != null ? report.version()
                : h.configVersion() != null ? h.configVersion() : s.configVersion();
        ConfigReport.Rejected rejected = report == null ? null : report.rejected();
        List<String> pending = new ArrayList<>();
        if (pending(fleetDesired, reported.fleet(), rejected, "fleet")) {
            pending.add("fleet");
        }
        if (pending(unitDesired, reported.unit(), rejected, "unit")) {
            pending.add("unit");
        }
        return new StatusRow(unit, s.storeId(), s.online(), s.version() != null ? s.version() : h.version(),
                configVersion, s.bootedAt(), new Layers(fleetDesired, unitDesired), reported, List.copyOf(pending),
                rejected, h.outboxDepth(), h.oldestPendingSeconds(), h.configVersion(),
                seenAt(s.bootedAt(), h.uptimeSeconds()), h.signals() != null ? h.signals() : s.signals());
    }

    private static boolean pending(Long desired, Long inEffect, ConfigReport.Rejected rejected, String scope) {
        if (desired == null || inEffect != null && desired <= inEffect) {
            return false;
        }
        return rejected == null || !scope.equals(rejected.scope()) || !desired.equals(rejected.version());
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
