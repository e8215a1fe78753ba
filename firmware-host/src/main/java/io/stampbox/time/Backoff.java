package io.stampbox.time;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * {@code min(max, initial * 2^n)}, so that a fleet does not reconnect in step; or with "full jitter"
 * ({@link #fullJitter}) anywhere between 0 and all of it, which spreads a fleet that lost its broker at
 * the same moment over the whole interval (the reconnect storm). With {@link #NO_JITTER} attempt n waits
 * exactly {@code min(max, initial * 2^n)}.
 *
 * <p>{@link #delay(int)} is pure; {@link #nextMs()} and {@link #reset()} keep an attempt count for callers
 * that do not (not thread-safe: one owning thread).
 */
public final class Backoff {

    /** Always the top of the range: exact doubling, for waits that are local and need no spreading. */
    public static final DoubleSupplier NO_JITTER = () -> 1.0;

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private final boolean full;
    private int attempt;

    /** @param random values in [0, 1] ({@link #NO_JITTER} for none); injected so tests are exact */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this(initial, max, random, false);
    }

    /** @param full full jitter (0 to the ceiling) rather than equal jitter (half to the ceiling) */
    public Backoff(Duration initial, Duration max, DoubleSupplier random, boolean full) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff: need 0 < initial <= max, got " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
        this.full = full;
    }

    /** Jittered with {@link ThreadLocalRandom}. */
    public static Backoff jittered(Duration initial, Duration max) {
        return new Backoff(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Full jitter with {@link ThreadLocalRandom}: attempt n waits anywhere in 0..min(max, initial * 2^n). */
    public static Backoff fullJitter(Duration initial, Duration max) {
        return new Backoff(initial, max, () -> ThreadLocalRandom.current().nextDouble(), true);
    }

    /** Exact doubling, no jitter. */
    public static Backoff exact(Duration initial, Duration max) {
        return new Backoff(initial, max, NO_JITTER);
    }

    /** The delay before attempt {@code attempt} (0 for the first). */
    public Duration delay(int attempt) {
        double ceiling = Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, Math.min(attempt, 30)));
        double jittered = full ? random.getAsDouble() * ceiling : ceiling / 2 + random.getAsDouble() * ceiling / 2;
        return Duration.ofMillis(Math.max(1, Math.round(jittered)));
    }

    public long maxMs() {
        return max.toMillis();
    }

    /** The delay to wait now, in ms; the following one is (up to) twice as long, up to the cap. */
    public long nextMs() {
        long now = delay(attempt).toMillis();
        if (attempt < 31) {
            attempt++;
        }
        return now;
    }

    /** Starts again from the initial delay. */
    public void reset() {
        attempt = 0;
    }
}
