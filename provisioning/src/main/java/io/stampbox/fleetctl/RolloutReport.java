package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.toolkit.Exit;
import io.stampbox.wire.Topics;
import io.stampbox.wire.UpdateState;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A rollout as {@code update status} (and {@code start}, {@code resume} at their end) print it, and its exit code. */
final class RolloutReport {

    private static final String ROW = "%-20s %-7s %-13s %s%n";

    private RolloutReport() {}

    /**
     * Takes each unit's retained update/state that concerns the rollout into its entry (not published); one that
     * does not read is noted on {@code err} and left out.
     */
    static void merge(Rollout rollout, Map<String, String> retained, String root, PrintWriter err) {
        for (Map.Entry<String, String> m : retained.entrySet()) {
            String unit = Topics.unitOf(root, m.getKey(), Topics.UPDATE_STATE);
            if (unit == null || m.getValue().isEmpty() || !rollout.units.containsKey(unit)) {
                continue;
            }
            try {
                UpdateState s = UpdateWire.state(m.getValue().getBytes(StandardCharsets.UTF_8));
                if (rollout.concerns(unit, s)) {
                    Rollout.Entry e = rollout.units.get(unit);
                    e.state = s.state();
                    e.reason = s.state().equals(UpdateState.DOWNLOADING) && s.bytes() != null && s.of() != null
                            ? s.bytes() + " of " + s.of() + " bytes" : s.reason();
                }
            } catch (IllegalArgumentException e) {
                err.println(printable("stampbox-fleet: ignored update/state from " + unit + ": " + e.getMessage()));
            }
        }
    }

    /** Text from the broker as safe to print on a terminal: control characters (escape sequences) become '?'. */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return out.toString();
    }

    /** 0 when every unit is done, or the rollout runs with no failure so far; 1 otherwise. */
    static int exitCode(Rollout r) {
        boolean fine = Rollout.DONE.equals(r.state) ? r.allDone() : Rollout.RUNNING.equals(r.state) && r.failures() == 0;
        return fine ? Exit.OK : Exit.FAILED;
    }

    static ObjectNode tree(Rollout r) {
        ObjectNode tree = r.toTree();
        ObjectNode counts = tree.putObject("counts");
        for (String state : UpdateWire.STATES) {
            counts.put(state, r.count(state));
        }
        return tree;
    }

    static int print(Rollout r, boolean json, PrintWriter out) {
        if (json) {
            out.println(tree(r));
            out.flush();
            return exitCode(r);
        }
        out.println("rollout " + printable(r.id) + ": version " + r.order.version() + ", " + r.state
                + (r.reason == null ? "" : " (" + printable(r.reason) + ")"));
        out.println("waves started " + r.wavesStarted + " of " + r.waves + ", max failures " + r.limit + ", "
                + r.failures() + " failed/reverted/refused of " + r.reached() + " reached, " + r.units.size() + " units");
        out.printf(ROW, "UNIT", "WAVE", "STATE", "WHY");
        for (Rollout.Entry e : r.units.values()) {
            String why = e.reason != null ? e.reason
                    : UpdateState.PENDING.equals(e.state) ? (e.sentAt == null ? "wave not started" : "sent " + e.sentAt
                            + ", no answer yet (offline?)") : "";
            out.printf(ROW, printable(e.unit), e.wave == 0 && r.waves > 1 ? "canary" : Integer.toString(e.wave + 1),
                    e.state, printable(why));
        }
        StringBuilder summary = new StringBuilder();
        for (String state : UpdateWire.STATES) {
            long n = r.count(state);
            if (n > 0) {
                summary.append(summary.length() == 0 ? "" : ", ").append(state).append(' ').append(n);
            }
        }
        out.println(summary);
        out.flush();
        return exitCode(r);
    }
}
