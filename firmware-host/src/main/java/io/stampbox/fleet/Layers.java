package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import java.util.Map;

/**
 * The two remote layers over the local file. Each layer has its own version and is compared only with
 * itself; the unit's configuration version (reported, and {@code configVersion} in events, status and
 * health) is the higher of the two, so one fleet-wide version sequence (e.g. the CLI's default, epoch
 * milliseconds) keeps it monotonic.
 */
public record Layers(Layer fleet, Layer unit) {

    public static final Layers NONE = new Layers(Layer.NONE, Layer.NONE);

    public long version() {
        return Math.max(fleet.version(), unit.version());
    }

    Layer get(Scope scope) {
        return scope == Scope.FLEET ? fleet : unit;
    }

    Layers with(Scope scope, Layer layer) {
        return scope == Scope.FLEET ? new Layers(layer, unit) : new Layers(fleet, layer);
    }

    /** The effective configuration: the file, then the fleet layer, then the unit layer, validated whole. */
    public UnitConfig over(Map<String, JsonNode> file) throws ConfigException {
        return ConfigLoader.fromLayers(file, fleet.keys(), unit.keys(), version());
    }

    Map<String, JsonNode> merged(Map<String, JsonNode> file) {
        return ConfigLoader.merge(file, fleet.keys(), unit.keys());
    }
}
