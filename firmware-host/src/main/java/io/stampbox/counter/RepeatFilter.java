package io.stampbox.counter;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Recognises a re-read of the same code: a scanner in continuous mode reads a phone held under it
 * many times. The window slides: each re-read extends it. Owned by the pipeline thread.
 */
final class RepeatFilter {

    private static final int PRUNE_ABOVE = 1024;

    private final Map<String, Long> lastSeenNanos = new HashMap<>();

    /** Whether {@code code} was seen less than {@code windowMs} ago; remembers this sighting. */
    boolean seenAgain(String code, long nowNanos, long windowMs) {
        long window = windowMs * 1_000_000L;
        Long previous = lastSeenNanos.put(code, nowNanos);
        if (lastSeenNanos.size() > PRUNE_ABOVE) {
            prune(nowNanos, window);
        }
        return previous != null && nowNanos - previous < window;
    }

    /** Forgets a code, so that its next read counts as new (after a scan that could not be recorded). */
    void forget(String code) {
        lastSeenNanos.remove(code);
    }

    private void prune(long nowNanos, long window) {
        Iterator<Long> it = lastSeenNanos.values().iterator();
        while (it.hasNext()) {
            if (nowNanos - it.next() >= window) {
                it.remove();
            }
        }
    }
}
