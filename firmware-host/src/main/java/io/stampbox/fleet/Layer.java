package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One remote layer of the configuration (the {@code _fleet} or the unit's own desired document) as
 * applied: its version and its flattened keys. Version 0 with no keys: no document applied.
 */
public record Layer(long version, Map<String, JsonNode> keys) {

    public static final Layer NONE = new Layer(0, Map.of());

    public Layer {
        keys = Map.copyOf(keys);
    }
}
