package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.config.UnitConfig;
import io.stampbox.update.UpdateRefused;
import io.stampbox.update.Updater;
import io.stampbox.wire.UpdateOrder;
import io.stampbox.wire.UpdateState;
import java.util.function.Supplier;

/** {@code cmd/update} and {@code cmd/update-cancel} (issue 13): the order's bounds, then the {@link Updater}. */
final class UpdateCommands {

    private final Updater updater;
    private final Supplier<UnitConfig> config;
    private final FleetKeyCache keys = new FleetKeyCache();

    /** @param updater null where updates are not wired (tests of other commands): both commands are refused */
    UpdateCommands(Updater updater, Supplier<UnitConfig> config) {
        this.updater = updater;
        this.config = config;
    }

    /** {@code {"accepted": true, "state": "pending", "version": "..."}}, or the refusal. */
    ObjectNode update(JsonNode args) throws CommandException {
        UpdateOrder order;
        try {
            order = UpdateOrder.parse(args);
        } catch (IllegalArgumentException e) {
            throw new CommandException("update refused: " + e.getMessage());
        }
        try {
            UpdateState state = available().order(order, keys.fleetKey(config.get()));
            return JsonNodeFactory.instance.objectNode().put("accepted", true).put("state", state.state())
                    .put("version", order.version());
        } catch (UpdateRefused e) {
            throw new CommandException("update refused: " + e.getMessage());
        }
    }

    ObjectNode cancel() throws CommandException {
        try {
            UpdateState state = available().cancel();
            return JsonNodeFactory.instance.objectNode().put("cancelled", true).put("version", state.version());
        } catch (UpdateRefused e) {
            throw new CommandException("update-cancel refused: " + e.getMessage());
        }
    }

    private Updater available() throws UpdateRefused {
        if (updater == null) {
            throw new UpdateRefused("updates are not available on this unit");
        }
        return updater;
    }
}
