package io.stampbox.uplink;

import io.stampbox.outbox.StoredEvent;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The drain thread's events awaiting their PUBACK, in seq order, and the contiguous prefix the broker
 * acknowledged. PUBACKs may come out of order; only the prefix counts. Owned by the drain thread.
 */
final class InflightWindow {

    private final ArrayDeque<StoredEvent> inflight = new ArrayDeque<>();
    private final Set<Long> acked = new HashSet<>();
    private long ackedThrough;
    private long nextSeq;

    /** Starts after {@code through}: the next event sent is {@code through + 1}. */
    void startAfter(long through) {
        ackedThrough = through;
        restart();
    }

    /** Forgets what is in flight; the next event sent is the first unacknowledged one. */
    void restart() {
        inflight.clear();
        acked.clear();
        nextSeq = ackedThrough + 1;
    }

    /** Sends again from {@code through + 1} (the backend did not acknowledge beyond it). */
    void rewindTo(long through) {
        ackedThrough = through;
    }

    void sent(StoredEvent event) {
        inflight.addLast(event);
        nextSeq = event.seq() + 1;
    }

    void acked(long seq) {
        acked.add(seq);
    }

    /** Moves the acknowledged prefix forward; returns how many events left the window. */
    long advance() {
        long count = 0;
        while (!inflight.isEmpty() && acked.remove(inflight.peekFirst().seq())) {
            ackedThrough = inflight.pollFirst().seq();
            count++;
        }
        return count;
    }

    /** The highest seq of the contiguous prefix the broker acknowledged. */
    long ackedThrough() {
        return ackedThrough;
    }

    long nextSeq() {
        return nextSeq;
    }

    int size() {
        return inflight.size();
    }

    boolean isEmpty() {
        return inflight.isEmpty();
    }

    /** The oldest event in flight, or null. */
    StoredEvent oldest() {
        return inflight.peekFirst();
    }
}
