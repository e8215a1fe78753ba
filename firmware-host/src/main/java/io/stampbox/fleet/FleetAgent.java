package io.stampbox.fleet;

import io.stampbox.config.UnitConfig;
import io.stampbox.time.ThreadScheduler;
import io.stampbox.update.UpdatePorts;
import io.stampbox.update.Updater;
import io.stampbox.uplink.Uplink;
import io.stampbox.wire.Topics;
import io.stampbox.wire.UpdateState;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The unit's side of fleet management: remote configuration ({@link FleetConfiguration}) and remote
 * commands ({@link FleetCommands}), each with its own subscriptions, both on one "fleet" thread that this
 * agent starts and stops. Nothing else runs there; the uplink's threads only hand messages over.
 */
public final class FleetAgent implements AutoCloseable {

    private final ThreadScheduler fleet = FleetThread.start();
    private final FleetConfiguration configuration;
    private final FleetCommands commands;
    private final Delivery delivery;
    private final Updater updater;

    /**
     * @param start what {@link FleetStart} decided at boot; {@code config} must hold its configuration
     */
    public FleetAgent(FleetStart start, AtomicReference<UnitConfig> config, LiveUnit live, UnitControl control,
            Clock clock) {
        this(start, config, live, control, null, clock);
    }

    /** @param updates what software updates look at in the unit; null: {@code cmd/update} is refused */
    public FleetAgent(FleetStart start, AtomicReference<UnitConfig> config, LiveUnit live, UnitControl control,
            UpdatePorts updates, Clock clock) {
        this.delivery = new Delivery(control);
        this.configuration = new FleetConfiguration(start, config, live, fleet, clock, delivery);
        this.updater = updates == null ? null : new Updater(fleet, clock, config::get, updates, control.storageDir(),
                Updater.RETRY_PAUSE);
        if (updater != null) {
            updater.onEnd(control::reportHealth); // health carries lastUpdate; status does from the next connect
        }
        this.commands = new FleetCommands(control, fleet, clock, new UpdateCommands(updater, config::get));
    }

    /** {@code lastUpdate} of status and health; null when never updated. Any thread. */
    public UpdateState.Last lastUpdate() {
        return updater == null ? null : updater.lastUpdate();
    }

    /**
     * Subscribes both features on this uplink. Call with every uplink the unit builds, before starting it;
     * messages from an uplink replaced since are ignored.
     */
    public void attach(Uplink next) {
        configuration.attach(next);
        commands.attach(next);
        if (updater != null) {
            updater.publishTo(state -> next.publish(Topics.UPDATE_STATE, state, 1, true));
        }
    }

    /** Reports the configuration booted with and arms its rollback if it never connected. */
    public void start() {
        configuration.start();
        if (updater != null) {
            FleetThread.run(fleet, () -> FleetThread.guarded(updater::start));
        }
    }

    /**
     * The remote layers in effect as kept in {@code storage.dir} (saved before they are swapped in), for the
     * unit's live view; none when nothing is kept or the file cannot be read. Any thread.
     */
    public static Layers keptLayers(java.nio.file.Path storageDir) {
        try {
            return new StateStore(storageDir).load().applied();
        } catch (java.io.IOException | RuntimeException e) {
            return Layers.NONE;
        }
    }

    /** Stops the fleet thread: messages not handled yet, a pending rollback or a command's wait are dropped. */
    @Override
    public void close() {
        if (updater != null) {
            updater.close();
        }
        fleet.shutdownNow();
    }
}
