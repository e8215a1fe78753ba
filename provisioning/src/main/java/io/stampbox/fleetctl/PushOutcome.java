package io.stampbox.fleetctl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.stampbox.wire.ConfigReport;
import io.stampbox.wire.Status;
import java.util.List;

/**
 * What one targeted unit made of a push, as {@code config push} prints it.
 *
 * @param outcome {@code applied}, {@code rejected} (with the unit's errors), {@code stale} (the unit has this
 *     version or a higher one), {@code offline} (its status says so: it applies the document when back),
 *     {@code unknown} (nothing retained under its id) or {@code no-answer} (online, but no report in time)
 */
@JsonPropertyOrder({"unit", "outcome", "errors"})
record PushOutcome(String unit, String outcome, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> errors) {

    static final String APPLIED = "applied";
    static final String REJECTED = "rejected";
    static final String STALE = "stale";
    static final String OFFLINE = "offline";
    static final String UNKNOWN = "unknown";
    static final String NO_ANSWER = "no-answer";

    boolean applied() {
        return APPLIED.equals(outcome);
    }

    /**
     * The outcome a report published after the push gives, or null when it is about something else
     * (another version, another scope).
     */
    static PushOutcome of(String unit, ConfigReport report, String scope, long version) {
        ConfigReport.Rejected rejected = report.rejected();
        if (rejected != null && Long.valueOf(version).equals(rejected.version()) && scope.equals(rejected.scope())) {
            List<String> errors = rejected.errors() == null ? List.of() : rejected.errors();
            boolean stale = !errors.isEmpty() && errors.stream().allMatch(e -> e.startsWith("version: ")
                    && e.contains(" is not above the "));
            return new PushOutcome(unit, stale ? STALE : REJECTED, errors);
        }
        Long layer = layer(report, scope);
        if (rejected == null && layer != null && layer == version) {
            return new PushOutcome(unit, APPLIED, List.of());
        }
        return null;
    }

    /**
     * Before any answer, from what is retained: unknown, offline, or stale when the unit already runs this
     * very version (it stays silent for its own version; a lower one it answers); null to wait for the unit.
     */
    static PushOutcome before(String unit, Status status, ConfigReport report, String scope, long version) {
        if (status == null && report == null) {
            return new PushOutcome(unit, UNKNOWN, List.of("nothing retained for this unit id under the root"));
        }
        Long layer = report == null ? null : layer(report, scope);
        if (layer != null && layer == version) {
            return new PushOutcome(unit, STALE, List.of("version: " + version + " is applied already"));
        }
        if (status != null && Boolean.FALSE.equals(status.online())) {
            return new PushOutcome(unit, OFFLINE, List.of("offline" + (status.reason() == null ? "" : " ("
                    + status.reason() + ")") + ": it applies the document when it is back"));
        }
        return null;
    }

    private static Long layer(ConfigReport report, String scope) {
        if (report.layers() == null) {
            return null;
        }
        return "fleet".equals(scope) ? report.layers().fleet() : report.layers().unit();
    }
}
