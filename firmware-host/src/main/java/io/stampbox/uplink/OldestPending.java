package io.stampbox.uplink;

import io.stampbox.outbox.Outbox;
import io.stampbox.outbox.StoredEvent;
import java.time.Instant;
import java.util.List;

/**
 * The oldest event the outbox still holds (the health report's {@code oldestPendingAt}): the head of the
 * in-flight window when PUBACKs release events, else the first one after what the backend acknowledged.
 * Updated by the drain thread, read from any thread.
 */
final class OldestPending {

    private volatile StoredEvent oldest;

    /** When the oldest pending event was scanned, from its payload's {@code scannedAt}; null when none is. */
    Instant at() {
        StoredEvent event = oldest;
        return event == null ? null : ScannedAt.of(event.payload());
    }

    /**
     * @param inflightHead the oldest event in flight, or null
     * @param headIsOldest whether {@code inflightHead} is the oldest held (PUBACKs release events)
     * @param releasedThrough the highest seq the outbox released
     */
    void update(StoredEvent inflightHead, boolean headIsOldest, Outbox outbox, long releasedThrough) {
        if (inflightHead != null && headIsOldest) {
            oldest = inflightHead;
            return;
        }
        StoredEvent known = oldest;
        if (known == null || known.seq() <= releasedThrough) {
            List<StoredEvent> next = outbox.depth() > 0 ? outbox.read(releasedThrough + 1, 1) : List.of();
            oldest = next.isEmpty() ? null : next.get(0);
        }
    }
}
