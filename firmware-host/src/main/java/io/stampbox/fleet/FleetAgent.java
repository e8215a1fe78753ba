package io.stampbox.fleet;

import io.stampbox.config.UnitConfig;
import io.stampbox.time.ThreadScheduler;
import io.stampbox.uplink.Uplink;
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

    /**
     * @param start what {@link FleetStart} decided at boot; {@code config} must hold its configuration
     */
    public FleetAgent(FleetStart start, AtomicReference<UnitConfig> config, LiveUnit live, UnitControl control,
            Clock clock) {
        this.delivery = new Delivery(control);
        this.configuration = new FleetConfiguration(start, config, live, fleet, clock, delivery);
        this.commands = new FleetCommands(control, fleet, clock);
    }

    /**
     * Subscribes both features on this uplink. Call with every uplink the unit builds, before starting it;
     * messages from an uplink replaced since are ignored.
     */
    public void attach(Uplink next) {
        configuration.attach(next);
        commands.attach(next);
    }

    /** Reports the configuration booted with and arms its rollback if it never connected. */
    public void start() {
        configuration.start();
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
        fleet.shutdownNow();
    }
}
