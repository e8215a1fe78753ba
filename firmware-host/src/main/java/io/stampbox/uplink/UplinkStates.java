package io.stampbox.uplink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink's current state, readable from any thread, and its listeners, told of every change on the
 * thread that makes it (the "uplink" thread). A listener that throws is logged and the others still run.
 */
final class UplinkStates {

    private static final Logger log = LoggerFactory.getLogger(UplinkStates.class);

    private final List<UplinkListener> listeners = new CopyOnWriteArrayList<>();
    private volatile UplinkState state = UplinkState.DISCONNECTED;

    UplinkState get() {
        return state;
    }

    void addListener(UplinkListener listener) {
        listeners.add(listener);
    }

    void set(UplinkState next, String reason) {
        state = next;
        for (UplinkListener listener : listeners) {
            try {
                listener.stateChanged(next, reason);
            } catch (RuntimeException e) {
                log.warn("uplink: state listener failed on {}", next, e);
            }
        }
    }

    /** Tells every listener what the broker refuses now (null: nothing); on the reporting Paho thread. */
    void refusalChanged(String problem) {
        for (UplinkListener listener : listeners) {
            try {
                listener.refusalChanged(problem);
            } catch (RuntimeException e) {
                log.warn("uplink: refusal listener failed", e);
            }
        }
    }
}
