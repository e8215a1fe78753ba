package io.stampbox.fleetctl;

import io.stampbox.wire.CommandResult;
import io.stampbox.wire.UpdateState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Orders a unit answered with {@code "ok": false} on {@code cmd/result}. A unit that knows updates also publishes a
 * retained {@code refused} (or, for the version it already runs, says so) on {@code update/state}, which is the
 * better word; a unit that does not (an older version: "unknown command") only answers here. So a refusal counts
 * only when no update/state followed within {@link #GRACE}. Owned by the driver's thread.
 */
final class Refusals {

    static final Duration GRACE = Duration.ofSeconds(3);

    private record Refusal(String why, long at) {}

    private final Map<String, String> commands = new HashMap<>();
    private final Map<String, Refusal> refused = new LinkedHashMap<>();

    /** An order this process sent (for the first time) to a unit. */
    void sent(String commandId, String unit) {
        commands.put(commandId, unit);
    }

    /** A {@code cmd/result}: remembered when it refuses an order of ours. */
    void answer(String text, long nanos) {
        CommandResult r;
        try {
            r = CommandResult.fromJson(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return;
        }
        String unit = r.id() == null ? null : commands.get(r.id());
        if (unit != null && !r.succeeded()) {
            String why = r.error() == null ? "refused" : RolloutReport.printable(r.error());
            refused.put(unit, new Refusal(why.length() > UpdateState.MAX_REASON ? why.substring(0, UpdateState.MAX_REASON)
                    : why, nanos));
        }
    }

    /** The unit spoke on update/state: its word stands. */
    void heard(String unit) {
        refused.remove(unit);
    }

    /** The refusals no update/state followed within the grace, by unit; taken out. */
    Map<String, String> due(long nanos) {
        Map<String, String> due = new LinkedHashMap<>();
        refused.entrySet().removeIf(e -> {
            boolean old = nanos - e.getValue().at() >= GRACE.toNanos();
            if (old) {
                due.put(e.getKey(), e.getValue().why());
            }
            return old;
        });
        return due;
    }
}
