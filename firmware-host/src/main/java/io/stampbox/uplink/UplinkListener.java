package io.stampbox.uplink;

/**
 * Told of every change of {@link UplinkState}. Called on the uplink's own thread: return quickly, never
 * block; a throwing listener is logged and the uplink goes on.
 */
@FunctionalInterface
public interface UplinkListener {

    /** @param reason why the state changed (e.g. {@code login refused: bad user name or password}); may be null */
    void stateChanged(UplinkState state, String reason);
}
