package io.stampbox.uplink;

import io.stampbox.time.Backoff;
import io.stampbox.time.Ticker;
import io.stampbox.time.TokenBucket;
import java.time.Duration;

/**
 * When the drain may publish next: a pause after a failed publish or a broken drain (1 s), a growing
 * jittered pause after refusals in a row (MQTT 5 reason code >= 128), and the publish rate cap
 * ({@code mqtt.rate}, a {@link TokenBucket}). Owned by the drain thread.
 */
final class DrainPace {

    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    /**
     * Below the cap, the drain wakes for batches of about this long rather than for every single token,
     * and for at most a quarter of the burst: a thread that wakes late then still finds room in the
     * bucket for what accrued meanwhile, so the drain keeps the cap rather than falling below it.
     */
    private static final double QUANTUM_SECONDS = 0.01;

    private final Ticker ticker;
    private final Backoff refusedBackoff;
    private TokenBucket rate = TokenBucket.unlimited();
    private int quantum = 1;
    private long pausedUntilNanos;
    private int refusedInARow;
    private long refusedPauseNanos;

    DrainPace(Ticker ticker, Backoff refused) {
        this.ticker = ticker;
        this.refusedBackoff = refused;
        this.pausedUntilNanos = ticker.nanos();
    }

    /** At most {@code perSecond} publishes a second, {@code burst} at once after a quiet spell. */
    void cap(int perSecond, int burst) {
        rate = new TokenBucket(perSecond, burst, ticker);
        quantum = (int) Math.max(1, Math.min(burst / 4, Math.floor(perSecond * QUANTUM_SECONDS)));
    }

    /** A publish succeeded: refusals are no longer in a row. */
    void published() {
        refusedInARow = 0;
    }

    /** The broker refused a publish: the resend waits longer each time in a row. */
    void refused() {
        refusedPauseNanos = refusedBackoff.delay(refusedInARow++).toNanos();
    }

    /** The drain itself failed (e.g. the outbox could not be read): wait a moment. */
    void failed() {
        pausedUntilNanos = ticker.nanos() + RETRY_AFTER_FAILURE.toNanos();
    }

    /** A round restarts; unless the link changed, a failure caused it: pause before the resend. */
    void restart(boolean linkChanged) {
        if (!linkChanged) {
            long pause = refusedPauseNanos > 0 ? refusedPauseNanos : RETRY_AFTER_FAILURE.toNanos();
            pausedUntilNanos = ticker.nanos() + pause;
        }
        refusedPauseNanos = 0;
    }

    /** How many events may be sent now, at most {@code room}: 0 during a pause or with the bucket empty. */
    int allowance(int room) {
        if (ticker.nanos() - pausedUntilNanos < 0) {
            return 0;
        }
        return Math.min(room, rate.available());
    }

    /** {@code n} events were sent. */
    void sent(int n) {
        rate.take(n);
    }

    /** Nanoseconds until the drain may send again (0: now), waiting for a batch when the cap binds. */
    long nanosUntilNext() {
        long pause = pausedUntilNanos - ticker.nanos();
        return Math.max(pause, rate.nanosUntil(quantum));
    }
}
