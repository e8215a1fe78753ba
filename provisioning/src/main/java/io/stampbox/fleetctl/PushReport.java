package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.toolkit.Exit;
import java.io.PrintWriter;

/** How {@code config push} says what became of a push: a line a unit, or one JSON object. */
final class PushReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PushReport() {}

    /** @return 0 when every targeted unit applied the document (or with --no-wait), else 1 */
    static int print(FleetPush.Result result, FleetBroker broker, PrintWriter out, PrintWriter err) {
        boolean ok = !result.waited() || result.allApplied();
        if (broker.json) {
            ObjectNode node = JSON.createObjectNode().put("version", result.version()).put("scope", result.scope());
            result.topics().forEach(node.putArray("topics")::add);
            node.put("waited", result.waited()).put("ok", ok);
            node.set("units", JSON.valueToTree(result.units()));
            out.println(node);
        } else {
            out.println("pushed version " + result.version() + " (" + result.scope() + ") to "
                    + (result.topics().size() == 1 ? result.topics().get(0) : result.topics().size() + " topics"));
            for (PushOutcome o : result.units()) {
                out.printf("%-20s %-9s %s%n", o.unit(), o.outcome(), String.join("; ", o.errors()));
            }
        }
        if (ok) {
            return Exit.OK;
        }
        long applied = result.units().stream().filter(PushOutcome::applied).count();
        err.println("stampbox-fleet: version " + result.version() + " applied by " + applied + " of "
                + result.units().size() + " targeted units" + (result.units().isEmpty()
                ? " (no unit known under " + broker.root + ": the document waits, retained)" : ""));
        return Exit.FAILED;
    }
}
