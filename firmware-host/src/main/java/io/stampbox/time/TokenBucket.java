package io.stampbox.time;

/**
 * A token bucket: {@code perSecond} tokens a second, at most {@code burst} saved up; it starts full. Over
 * any interval of t seconds at most {@code burst + perSecond * t} tokens are taken. {@link #unlimited()}
 * never runs dry. Not thread-safe: one owning thread.
 */
public final class TokenBucket {

    private final double perSecond;
    private final double burst;
    private final Ticker ticker;
    private double tokens;
    private long lastNanos;

    /** @param perSecond tokens per second, > 0; @param burst the most saved up, >= 1 */
    public TokenBucket(double perSecond, int burst, Ticker ticker) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("token bucket: need perSecond > 0 and burst >= 1, got "
                    + perSecond + ", " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.ticker = ticker;
        this.tokens = burst;
        this.lastNanos = ticker.nanos();
    }

    private TokenBucket() {
        this.perSecond = Double.POSITIVE_INFINITY;
        this.burst = Double.POSITIVE_INFINITY;
        this.ticker = Ticker.SYSTEM;
    }

    /** A bucket without a cap. */
    public static TokenBucket unlimited() {
        return new TokenBucket();
    }

    public boolean limited() {
        return perSecond != Double.POSITIVE_INFINITY;
    }

    /** Whole tokens available now (up to {@code Integer.MAX_VALUE}). */
    public int available() {
        if (!limited()) {
            return Integer.MAX_VALUE;
        }
        refill();
        return (int) Math.floor(tokens);
    }

    /** Takes {@code n} tokens; call with at most {@link #available()}. */
    public void take(int n) {
        if (limited()) {
            refill();
            tokens -= n;
        }
    }

    /** Nanoseconds until {@code n} whole tokens (capped at the burst) are available; 0 when they are. */
    public long nanosUntil(int n) {
        if (!limited()) {
            return 0;
        }
        refill();
        double missing = Math.min(n, burst) - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing / perSecond * 1e9);
    }

    private void refill() {
        long now = ticker.nanos();
        long elapsed = now - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed / 1e9 * perSecond);
            lastNanos = now;
        }
    }
}
