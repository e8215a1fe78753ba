package io.stampbox.fleet;

import io.stampbox.uplink.Uplink;
import java.util.function.Supplier;

/**
 * What "the unit delivers" means for the rollback of contract 3.4: within {@code config.rollbackSeconds}
 * after a change the uplink reached the broker, the scanner is open, and the uplink's own gate (publishes
 * accepted and subscriptions granted: MQTT 5 reason codes, supplied by the uplink adapter through
 * {@link FleetAgent#deliveryGate}) has no complaint.
 */
final class Delivery {

    /** The uplink's gate: null while publishes are accepted and subscriptions granted, else why not. */
    private volatile Supplier<String> gate = () -> null;
    private final UnitControl control;

    Delivery(UnitControl control) {
        this.control = control;
    }

    void gate(Supplier<String> uplinkGate) {
        this.gate = uplinkGate == null ? () -> null : uplinkGate;
    }

    /**
     * Why the unit does not deliver, or null when it does.
     *
     * @param reachedBroker whether the uplink connected at least once since the change
     * @param scannerChanged whether the change touched the scanner (an unplugged scanner does not roll back a
     *     pattern change)
     */
    String problem(Uplink uplink, boolean reachedBroker, boolean scannerChanged, long seconds, long version) {
        if (!reachedBroker && (uplink == null || !uplink.connected())) {
            return "rollback: no broker connection within " + seconds + " s after applying version " + version;
        }
        if (scannerChanged && control != null && !control.scannerConnected()) {
            return "rollback: the scanner was not open " + seconds + " s after applying version " + version;
        }
        String refused = gate.get();
        if (refused != null) {
            return "rollback: " + refused + " " + seconds + " s after applying version " + version;
        }
        return null;
    }
}
