package io.stampbox.uplink;

/**
 * Told of every change of {@link UplinkState}. Called on the uplink's own thread: return quickly, never
 * block; a throwing listener is logged and the uplink goes on.
 */
@FunctionalInterface
public interface UplinkListener {

    /** @param reason why the state changed (e.g. {@code login refused: bad user name or password}); may be null */
    void stateChanged(UplinkState state, String reason);

    /**
     * The broker started or stopped refusing what the unit publishes or subscribes to (MQTT 5 reason codes
     * >= 128): {@code problem} says what ({@link Uplink#lastError()}'s words), null once nothing is refused.
     */
    default void refusalChanged(String problem) {}
}
