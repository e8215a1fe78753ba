package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.Printable;
import io.stampbox.config.SignedDocument;
import io.stampbox.config.RemoteDocument;
import io.stampbox.config.UnitConfig;
import io.stampbox.time.Scheduler;
import io.stampbox.uplink.MessageHandler;
import io.stampbox.uplink.Uplink;
import io.stampbox.uplink.UplinkState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.stampbox.wire.Topics;
import java.util.Objects;

/**
 * Remote configuration (contract section 3.4) on the unit: validate whole, keep on disk, swap the
 * {@link UnitConfig} in one step, rebuild what changed ({@link LiveUnit}), then report once in effect (at
 * once when connected, else on the next connect). A change after which the uplink does not reach CONNECTED
 * within {@code config.rollbackSeconds} (measured on the scheduler) is rolled back to the layers that last
 * connected.
 *
 * <p>Threads: every decision runs on the scheduler's thread ("fleet" in the unit), which alone owns
 * {@link FleetState}; the uplink's dispatcher and state listener only hand messages over.
 */
public final class FleetConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FleetConfiguration.class);
    /** The largest desired document handled; larger ones are refused before they are parsed. */
    static final int MAX_DOCUMENT_BYTES = io.stampbox.config.ConfigLoader.MAX_DOCUMENT_CHARS;

    private final Map<String, JsonNode> file;
    private final AtomicReference<UnitConfig> config;
    private final StateStore store;
    private final List<FleetStart.Dropped> dropped;
    private final LiveUnit live;
    private final Scheduler fleet;
    private final Clock clock;
    private final Delivery delivery;
    private final FleetKeyCache keys = new FleetKeyCache();
    private volatile Uplink uplink;

    // Owned by the fleet thread.
    private FleetState state;
    private Scheduler.Task rollback;
    private boolean reachedBroker;
    /** The last refused version per scope (not a floor: a later, lower version still applies). */
    private final long[] refused = {-1, -1};
    private final Map<Scope, Long> staleSaid = new java.util.EnumMap<>(Scope.class);

    /**
     * @param start what {@link FleetStart} decided at boot; {@code config} must hold its configuration
     * @param fleet the thread decisions run on, and the time the rollback window is measured in
     */
    public FleetConfiguration(FleetStart start, AtomicReference<UnitConfig> config, LiveUnit live, Scheduler fleet,
            Clock clock) {
        this(start, config, live, fleet, clock, new Delivery(null));
    }

    FleetConfiguration(FleetStart start, AtomicReference<UnitConfig> config, LiveUnit live, Scheduler fleet,
            Clock clock, Delivery delivery) {
        this.delivery = delivery;
        this.file = start.file();
        this.state = start.state();
        this.store = start.store();
        this.dropped = start.dropped();
        this.config = config;
        this.live = live;
        this.fleet = fleet;
        this.clock = clock;
    }

    /**
     * Subscribes to the desired documents on this uplink and follows its state. Call with every uplink the
     * unit builds, before starting it; messages from an uplink replaced since are ignored.
     */
    public void attach(Uplink next) {
        uplink = next;
        next.subscribeFleet(Topics.CONFIG_DESIRED, (MessageHandler) (t, p, r) -> onFleet(() -> desired(next, Scope.FLEET, p)));
        next.subscribe(Topics.CONFIG_DESIRED, (MessageHandler) (t, p, r) -> onFleet(() -> desired(next, Scope.UNIT, p)));
        next.addListener((s, reason) -> {
            if (s == UplinkState.CONNECTED) {
                onFleet(() -> connected(next));
            }
        });
    }

    /** Reports the configuration booted with; arms the rollback when its layers never connected. */
    public void start() {
        onFleet(() -> {
            ObjectNode current = appliedReport();
            ObjectNode kept = state.reported();
            if (kept == null || !Objects.equals(Reports.hashOf(kept), Reports.hashOf(current))) {
                report(current); // first boot, or the local file changed since
            }
            for (FleetStart.Dropped d : dropped) {
                report(Reports.rejected(current, d.scope(), d.version(), List.of(d.why())));
            }
            store.save(state);
            if (!state.applied().equals(state.connected())) {
                armRollback();
            }
        });
    }

    private void desired(Uplink from, Scope scope, byte[] payload) {
        if (from != uplink) {
            return;
        }
        if (payload.length > MAX_DOCUMENT_BYTES) {
            reject(scope, -1, List.of("config: document of " + payload.length + " bytes refused (at most "
                    + MAX_DOCUMENT_BYTES + ")"));
            return;
        }
        String json = new String(payload, StandardCharsets.UTF_8);
        if (json.isBlank()) {
            return; // a cleared retained document: nothing to apply
        }
        long version = RemoteDocument.versionOf(json);
        boolean envelope = json.contains("\"" + SignedDocument.SIGNATURE + "\"");
        if (version >= 0 && version < state.floor(scope) && !envelope && version != refused[scope.ordinal()]) {
            stale(scope, version);
            return;
        }
        if (version >= 0 && version <= state.floor(scope) && !envelope || version >= 0 && version == refused[scope.ordinal()]) {
            log.debug("config: {} document version {} ignored (applied, rolled back or refused: {})", scope.label(),
                    version, state.floor(scope));
            return;
        }
        RemoteDocument doc;
        try {
            doc = RemoteDocument.read(json, keys.fleetKey(config.get()),
                    scope == Scope.FLEET ? Topics.FLEET : config.get().device().id(), clock.instant());
        } catch (ConfigException e) {
            reject(scope, version, e.errors());
            return;
        }
        if (doc.version() <= state.floor(scope) && !(doc.reset() && doc.version() != state.applied().get(scope).version())) {
            log.debug("config: {} document version {} ignored (floor {})", scope.label(), version, state.floor(scope));
            return;
        }
        UnitConfig next;
        Layers layers = state.applied().with(scope, new Layer(doc.version(), doc.keys()));
        try {
            next = layers.over(file);
        } catch (ConfigException e) {
            reject(scope, version, e.errors());
            return;
        }
        String downgrade = Downgrade.check(config.get(), next);
        if (downgrade != null) {
            reject(scope, version, List.of(downgrade));
            return;
        }
        if (doc.reset()) {
            log.warn("config: signed reset of the {} scope to version {}", scope.label(), doc.version());
            state = state.resetting(scope);
        }
        apply(layers, next);
    }

    /**
     * A plain document below what the unit has in effect (or rolled back) for its scope: nothing changes, but
     * the unit says so, once per version (INFO, and reported as rejected), so a push of an old version gets
     * an answer.
     */
    private void stale(Scope scope, long version) {
        if (Long.valueOf(version).equals(staleSaid.put(scope, version))) {
            return; // the same document again (retained, after a reconnect): said already
        }
        long applied = state.applied().get(scope).version();
        String error = version < applied ? "version: " + version + " is not above the applied " + applied
                : "version: " + version + " is not above the rolled back " + state.floor(scope);
        log.info("config: {} document version {} ignored: {}", scope.label(), version, error);
        report(Reports.rejected(appliedReport(), scope, version, List.of(error)));
    }

    /** Refuses a document: reported, remembered to skip its redelivery, but the version floor does not move. */
    private void reject(Scope scope, long version, List<String> errors) {
        log.warn("config: {} document version {} rejected: {}", scope.label(), version,
                Printable.escape(String.valueOf(errors), 2000));
        refused[scope.ordinal()] = version;
        report(Reports.rejected(appliedReport(), scope, version, errors));
    }

    private void apply(Layers layers, UnitConfig next) {
        confirmIfDelivering(); // a change still on trial that delivers now becomes the rollback target
        state = state.withApplied(layers);
        store.save(state);
        UnitConfig old = config.getAndSet(next);
        log.info("config: version {} in effect (fleet {}, unit {})", layers.version(), layers.fleet().version(),
                layers.unit().version());
        LiveUnit.apply(old, next, live);
        reachedBroker = uplink != null && uplink.connected();
        report(appliedReport()); // published now when connected, else on the next connect
        armRollback();
    }

    private ObjectNode appliedReport() {
        Layers applied = state.applied();
        return Reports.applied(applied, clock.instant(), Reports.hash(applied.merged(file)));
    }

    /** Keeps the report (published again on every connect) and publishes it now when connected. */
    private void report(ObjectNode report) {
        state = state.withReported(report);
        store.save(state);
        publishReport();
    }

    private void publishReport() {
        Uplink current = uplink;
        if (current != null && current.connected() && state.reported() != null) {
            current.publish(Topics.CONFIG_REPORTED, Reports.bytes(state.reported()), 1, true);
        }
    }

    private void connected(Uplink from) {
        if (from != uplink) {
            return;
        }
        reachedBroker = true;
        publishReport();
    }

    private void armRollback() {
        if (rollback != null) {
            rollback.cancel();
        }
        long seconds = config.get().config().rollbackSeconds();
        rollback = fleet.schedule(() -> FleetThread.guarded(() -> rollBack(seconds)), seconds * 1000L);
    }

    private void confirmIfDelivering() {
        if (state.applied().equals(state.connected())) {
            return;
        }
        try {
            boolean scannerChanged = !state.connected().over(file).scanner().equals(config.get().scanner());
            if (delivery.problem(uplink, reachedBroker, scannerChanged, 0, state.applied().version()) == null) {
                state = state.withConnected(state.applied());
                store.save(state);
                store.clearTrialBoots();
            }
        } catch (ConfigException e) {
            log.debug("config: the last configuration that delivered no longer validates: {}", e.errors());
        }
    }

    private void rollBack(long seconds) {
        rollback = null;
        if (state.applied().equals(state.connected())) {
            return;
        }
        Layers bad = state.applied();
        Layers good = state.connected();
        UnitConfig next;
        try {
            next = good.over(file);
        } catch (ConfigException e) {
            log.error("config: cannot roll back, the last configuration that delivered no longer validates: {}",
                    e.errors());
            return;
        }
        boolean scannerChanged = !next.scanner().equals(config.get().scanner());
        String why = delivery.problem(uplink, reachedBroker, scannerChanged, seconds, bad.version());
        if (why == null) {
            state = state.withConnected(bad); // it delivered: the new rollback target
            store.save(state);
            store.clearTrialBoots();
            return;
        }
        log.warn("config: {}; back to version {}", why, good.version());
        Scope scope = bad.unit().equals(good.unit()) ? Scope.FLEET : Scope.UNIT;
        state = state.rejecting(scope, bad.get(scope).version()).withApplied(good);
        store.save(state);
        store.clearTrialBoots();
        UnitConfig old = config.getAndSet(next);
        LiveUnit.apply(old, next, live);
        report(Reports.rejected(appliedReport(), scope, bad.get(scope).version(), List.of(why)));
    }

    private void onFleet(Runnable task) {
        FleetThread.run(fleet, () -> FleetThread.guarded(task));
    }
}
