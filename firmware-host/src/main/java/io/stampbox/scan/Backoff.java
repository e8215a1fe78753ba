package io.stampbox.scan;

import java.time.Duration;

/** Exponential delays between reopen attempts: initial, doubled each time, capped. Not thread-safe. */
final class Backoff {

    /** 250 ms, 500 ms, 1 s, 2 s, 4 s, then every 5 s. */
    static Backoff standard() {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    private final long initialMs;
    private final long maxMs;
    private long nextMs;

    Backoff(Duration initial, Duration max) {
        this.initialMs = initial.toMillis();
        this.maxMs = max.toMillis();
        this.nextMs = initialMs;
    }

    long maxMs() {
        return maxMs;
    }

    /** The delay to wait now; the following one is twice as long, up to the cap. */
    long nextMs() {
        long now = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return now;
    }

    void reset() {
        nextMs = initialMs;
    }
}
