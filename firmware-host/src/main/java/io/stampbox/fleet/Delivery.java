package io.stampbox.fleet;

import io.stampbox.uplink.Uplink;

/**
 * What "the unit delivers" means for the rollback of contract 3.4: within {@code config.rollbackSeconds}
 * after a change the uplink reached the broker, the scanner is open, and the broker accepts what the unit
 * sends and grants what it subscribes to ({@link Uplink#publishesAccepted()}, {@link
 * Uplink#subscriptionsGranted()}: MQTT 5 reason codes; always so under 3.1.1, which cannot tell).
 */
final class Delivery {

    private final UnitControl control;

    Delivery(UnitControl control) {
        this.control = control;
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
        String refused = refusal(uplink);
        if (refused != null) {
            return "rollback: " + refused + " " + seconds + " s after applying version " + version;
        }
        return null;
    }

    /** Why the broker refuses the unit (MQTT 5 reason codes), or null: only while connected, when it can tell. */
    private static String refusal(Uplink uplink) {
        if (uplink == null || !uplink.connected()) {
            return null;
        }
        if (!uplink.publishesAccepted()) {
            return "publishes refused (" + uplink.lastError() + ")";
        }
        return uplink.subscriptionsGranted() ? null : "subscriptions refused (" + uplink.lastError() + ")";
    }
}
