package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.RemoteDocument;
import io.stampbox.config.UnitConfig;
import io.stampbox.uplink.MessageHandler;
import io.stampbox.uplink.Uplink;
import io.stampbox.uplink.UplinkState;
import io.stampbox.wire.CommandRequest;
import io.stampbox.wire.CommandResult;
import io.stampbox.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote configuration and commands (contract sections 3.4 and 3.5) on the unit.
 *
 * <p>Threads: every decision runs on the "fleet" thread, which owns {@link FleetState}. The uplink's
 * dispatcher and state listener only hand messages over. Applying a configuration: validate whole, keep
 * on disk, swap the {@link UnitConfig} in one step, rebuild what changed ({@link LiveUnit}), then report
 * once in effect (at once when connected, else on the next connect). A change after which the uplink
 * does not reach CONNECTED within {@code config.rollbackSeconds} is rolled back to the layers that last
 * connected.
 */
public final class FleetAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FleetAgent.class);

    private final Map<String, JsonNode> file;
    private final AtomicReference<UnitConfig> config;
    private final StateStore store;
    private final LiveUnit live;
    private final UnitControl control;
    private final Commands commands;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet");
        t.setDaemon(true);
        return t;
    });
    private volatile Uplink uplink;

    // Owned by the "fleet" thread.
    private FleetState state;
    private ScheduledFuture<?> rollback;

    /**
     * @param start what {@link FleetStart} decided at boot; {@code config} must hold its configuration
     */
    public FleetAgent(FleetStart start, AtomicReference<UnitConfig> config, LiveUnit live, UnitControl control,
            Clock clock) {
        this.file = start.file();
        this.state = start.state();
        this.store = start.store();
        this.config = config;
        this.live = live;
        this.control = control;
        this.commands = new Commands(control, clock);
        this.clock = clock;
    }

    /**
     * Subscribes to the desired documents and commands on this uplink and follows its state. Call with
     * every uplink the unit builds, before starting it; messages from an uplink replaced since are ignored.
     */
    public void attach(Uplink next) {
        uplink = next;
        next.subscribeFleet(Topics.CONFIG_DESIRED, (MessageHandler) (t, p, r) -> onFleetThread(() -> desired(next, Scope.FLEET, p)));
        next.subscribe(Topics.CONFIG_DESIRED, (MessageHandler) (t, p, r) -> onFleetThread(() -> desired(next, Scope.UNIT, p)));
        next.subscribe(Topics.COMMANDS, (MessageHandler) (t, p, r) -> onFleetThread(() -> command(next, t, p, r)));
        next.addListener((s, reason) -> {
            if (s == UplinkState.CONNECTED) {
                onFleetThread(() -> connected(next));
            }
        });
    }

    /** Arms the rollback when the unit booted with layers that never connected. */
    public void start() {
        onFleetThread(() -> {
            ObjectNode current = appliedReport();
            ObjectNode kept = state.reported();
            if (kept == null || !java.util.Objects.equals(Reports.hashOf(kept), Reports.hashOf(current))) {
                report(current); // first boot, or the local file changed since
            }
            if (!state.applied().equals(state.connected())) {
                armRollback();
            }
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- configuration, on the "fleet" thread ----

    private void desired(Uplink from, Scope scope, byte[] payload) {
        if (from != uplink) {
            return;
        }
        String json = new String(payload, StandardCharsets.UTF_8);
        if (json.isBlank()) {
            return; // a cleared retained document: nothing to apply
        }
        long version = RemoteDocument.versionOf(json);
        if (version >= 0 && version <= state.floor(scope)) {
            log.debug("config: {} document version {} ignored (applied or rejected: {})", scope.label(), version,
                    state.floor(scope));
            return;
        }
        UnitConfig next;
        Layers layers;
        try {
            RemoteDocument doc = RemoteDocument.parse(json);
            layers = state.applied().with(scope, new Layer(doc.version(), doc.keys()));
            next = layers.over(file);
        } catch (ConfigException e) {
            reject(scope, version, e.errors());
            return;
        }
        apply(layers, next);
    }

    private void reject(Scope scope, long version, List<String> errors) {
        log.warn("config: {} document version {} rejected: {}", scope.label(), version, errors);
        state = state.rejecting(scope, version);
        report(Reports.rejected(appliedReport(), scope, version, errors));
    }

    private void apply(Layers layers, UnitConfig next) {
        state = state.withApplied(layers);
        store.save(state);
        UnitConfig old = config.getAndSet(next);
        log.info("config: version {} in effect (fleet {}, unit {})", layers.version(), layers.fleet().version(),
                layers.unit().version());
        LiveUnit.apply(old, next, live);
        if (uplink != null && uplink.connected()) {
            state = state.withConnected(layers);
            report(appliedReport());
        } else {
            state = state.withReported(appliedReport());
            store.save(state);
            armRollback();
        }
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
        if (rollback != null) {
            rollback.cancel(false);
            rollback = null;
        }
        if (!state.applied().equals(state.connected())) {
            state = state.withConnected(state.applied());
            store.save(state);
        }
        publishReport();
    }

    private void armRollback() {
        if (rollback != null) {
            rollback.cancel(false);
        }
        long seconds = config.get().config().rollbackSeconds();
        rollback = thread.schedule(() -> rollBack(seconds), seconds, TimeUnit.SECONDS);
    }

    private void rollBack(long seconds) {
        rollback = null;
        Uplink current = uplink;
        if (current != null && current.connected() || state.applied().equals(state.connected())) {
            return;
        }
        Layers bad = state.applied();
        Layers good = state.connected();
        UnitConfig next;
        try {
            next = good.over(file);
        } catch (ConfigException e) {
            log.error("config: cannot roll back, the last connected configuration no longer validates: {}",
                    e.errors());
            return;
        }
        String why = "rollback: no broker connection within " + seconds + " s after applying version "
                + bad.version();
        log.warn("config: {}; back to version {}", why, good.version());
        Scope scope = bad.unit().equals(good.unit()) ? Scope.FLEET : Scope.UNIT;
        state = state.rejecting(scope, bad.get(scope).version()).withApplied(good);
        store.save(state);
        UnitConfig old = config.getAndSet(next);
        LiveUnit.apply(old, next, live);
        report(Reports.rejected(appliedReport(), scope, bad.get(scope).version(), List.of(why)));
    }

    // ---- commands, on the "fleet" thread ----

    private void command(Uplink from, String topic, byte[] payload, boolean retained) {
        if (from != uplink) {
            return;
        }
        String name = Topics.commandName(topic);
        if (name == null || payload.length == 0) {
            return; // our own answers, or a retained command being cleared
        }
        CommandRequest request;
        try {
            request = CommandRequest.parse(payload);
        } catch (java.io.IOException e) {
            publishResult(CommandResult.failed(name, null, e.getMessage()), false);
            return;
        }
        if (retained) {
            publishResult(CommandResult.failed(name, request.id(), "not executed: the command was a retained message ("
                    + name + "); send commands without the retain flag"), false);
            return;
        }
        try {
            ObjectNode out = commands.run(name, request.args());
            publishResult(CommandResult.done(name, request.id(), out), name.equals("restart"));
        } catch (CommandException e) {
            publishResult(CommandResult.failed(name, request.id(), e.getMessage()), false);
        }
    }

    private void publishResult(CommandResult result, boolean thenRestart) {
        Uplink current = uplink;
        var sent = current.publish(Topics.COMMAND_RESULT, result.toJson(), 1, false);
        if (thenRestart) {
            sent.whenComplete((ok, failure) -> control.restart());
        }
    }

    private void onFleetThread(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("fleet: {}", e.getMessage(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed
        }
    }
}
