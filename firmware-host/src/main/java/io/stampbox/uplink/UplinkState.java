package io.stampbox.uplink;

/** Where the uplink's connection to the broker stands. */
public enum UplinkState {
    /** Not started, or stopped on purpose: no reconnect follows. */
    DISCONNECTED,
    /** A connect attempt is under way. */
    CONNECTING,
    /** Connected; birth status sent and subscriptions restored. */
    CONNECTED,
    /** The last attempt failed or the connection was lost; the next attempt is scheduled. */
    BACKING_OFF
}
