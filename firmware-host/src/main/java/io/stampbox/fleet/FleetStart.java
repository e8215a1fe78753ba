package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.UnitConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
    /** Boots in a row with layers that never delivered, after which they are dropped (a crash loop). */
    static final int MAX_TRIAL_BOOTS = 3;

    /** A remote layer left out at boot: reported as rejected once the unit is connected. */
    record Dropped(Scope scope, long version, String why) {}

    private final StateStore store;
    private final List<Dropped> dropped;

    private FleetStart(Map<String, JsonNode> file, UnitConfig config, FleetState state, StateStore store,
            List<Dropped> dropped) {
        this.file = Map.copyOf(file);
        this.config = config;
        this.state = state;
        this.store = store;
        this.dropped = List.copyOf(dropped);
    }

    List<Dropped> dropped() {
        return dropped;
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

    /**
     * The configuration to start with. A remote layer can never stop the unit from starting: layers that do not
     * validate over the file, or that were in effect for {@link #MAX_TRIAL_BOOTS} boots in a row without
     * delivering (the unit kept dying), are dropped and reported, and the unit runs on what last delivered or on
     * its local file.
     *
     * @param local the file alone, already validated
     */
    public static FleetStart boot(Map<String, JsonNode> file, UnitConfig local) {
        StateStore store = new StateStore(local.storage().dir());
        FleetState kept;
        try {
            kept = store.load();
        } catch (IOException | RuntimeException e) {
            log.error("config: cannot read {} ({}); starting with the local file alone", store.file(), e.getMessage());
            return new FleetStart(file, local, FleetState.EMPTY, store, List.of());
        }
        kept = withoutFutureFloors(kept);
        List<Dropped> dropped = new ArrayList<>();
        if (!kept.applied().equals(kept.connected())) {
            int boots = trialBoots(store);
            if (boots > MAX_TRIAL_BOOTS) {
                String why = "rollback: the unit restarted " + (boots - 1) + " times with version "
                        + kept.applied().version() + " in effect and never delivered";
                log.error("config: {}; back to version {}", why, kept.connected().version());
                kept = drop(kept, kept.applied(), kept.connected(), why, dropped);
                store.clearTrialBoots();
            }
        }
        Layers fallback = kept.connected();
        for (Layers layers : new Layers[] {kept.applied(), fallback}) {
            try {
                UnitConfig config = layers.over(file);
                FleetState state = kept.withApplied(layers);
                return new FleetStart(file, config, state, store, dropped);
            } catch (ConfigException e) {
                log.error("config: kept remote configuration version {} does not validate over the local file: {}",
                        layers.version(), e.errors());
                Layers next = layers == fallback ? Layers.NONE : fallback;
                kept = drop(kept, layers, next, "dropped at boot: " + String.join("; ", e.errors()), dropped);
            }
        }
        return new FleetStart(file, local, kept.withApplied(Layers.NONE).withConnected(Layers.NONE), store, dropped);
    }

    /**
     * An older firmware raised a scope's floor even for a refused document (issue 11's version lock): a kept
     * rolled-back floor more than a year ahead of the clock is forgotten. An applied version that high needs
     * the admin's signed reset (docs/fleet.md).
     */
    private static FleetState withoutFutureFloors(FleetState kept) {
        long limit = System.currentTimeMillis() + io.stampbox.config.RemoteDocument.MAX_AHEAD_MS;
        FleetState state = kept;
        for (Scope scope : Scope.values()) {
            long floor = scope == Scope.FLEET ? state.fleetRejected() : state.unitRejected();
            if (floor > limit) {
                log.warn("config: forgetting the {} scope's refused version {} (more than a year ahead)", scope.label(),
                        floor);
                state = state.resetting(scope);
            }
        }
        return state;
    }

    private static int trialBoots(StateStore store) {
        try {
            return store.countTrialBoot();
        } catch (RuntimeException e) {
            log.error("config: cannot count boots ({})", e.getMessage());
            return 0;
        }
    }

    /** Notes each scope that differs between {@code bad} and {@code good} as dropped, never to apply again. */
    private static FleetState drop(FleetState kept, Layers bad, Layers good, String why, List<Dropped> dropped) {
        FleetState state = kept;
        for (Scope scope : Scope.values()) {
            if (!bad.get(scope).equals(good.get(scope)) && bad.get(scope).version() > 0) {
                dropped.add(new Dropped(scope, bad.get(scope).version(), why));
                state = state.rejecting(scope, bad.get(scope).version());
            }
        }
        return state.withApplied(good);
    }
}
