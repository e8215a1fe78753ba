package io.stampbox.signal;

import io.stampbox.wire.Signal;

/**
 * One signal for staff, with the event it concerns when there is one.
 *
 * @param eventId the recorded event's id, or null when no event was made
 * @param seq the recorded event's seq, or 0 when no event was made
 */
public record Indication(Signal signal, String eventId, long seq) {

    public static Indication of(Signal signal) {
        return new Indication(signal, null, 0);
    }
}
