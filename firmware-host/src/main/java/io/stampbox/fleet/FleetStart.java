package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.UnitConfig;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration a unit boots with: the local file under the remote layers kept in
 * {@code storage.dir/config/applied.json}, so the last good configuration holds with the broker away.
 * When the kept layers no longer validate over the file (the file was edited), the layers that last
 * connected are tried, then the file alone.
 */
public final class FleetStart {

    private static final Logger log = LoggerFactory.getLogger(FleetStart.class);

    private final Map<String, JsonNode> file;
    private final UnitConfig config;
    private final FleetState state;
    private final StateStore store;

    private FleetStart(Map<String, JsonNode> file, UnitConfig config, FleetState state, StateStore store) {
        this.file = Map.copyOf(file);
        this.config = config;
        this.state = state;
        this.store = store;
    }

    /** The configuration to start with. */
    public UnitConfig config() {
        return config;
    }

    /** The local file's flattened keys. */
    public Map<String, JsonNode> file() {
        return file;
    }

    FleetState state() {
        return state;
    }

    StateStore store() {
        return store;
    }

    /** @param local the file alone, already validated */
    public static FleetStart boot(Map<String, JsonNode> file, UnitConfig local) {
        StateStore store = new StateStore(local.storage().dir());
        FleetState kept;
        try {
            kept = store.load();
        } catch (IOException | RuntimeException e) {
            log.error("config: cannot read {} ({}); starting with the local file alone", store.file(), e.getMessage());
            return new FleetStart(file, local, FleetState.EMPTY, store);
        }
        for (Layers layers : new Layers[] {kept.applied(), kept.connected()}) {
            try {
                UnitConfig config = layers.over(file);
                return new FleetStart(file, config, kept.withApplied(layers), store);
            } catch (ConfigException e) {
                log.error("config: kept remote configuration version {} does not validate over the local file: {}",
                        layers.version(), e.errors());
            }
        }
        return new FleetStart(file, local, kept.withApplied(Layers.NONE).withConnected(Layers.NONE), store);
    }
}
