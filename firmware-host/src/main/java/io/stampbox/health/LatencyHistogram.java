package io.stampbox.health;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies since start in logarithmic buckets (about 4% wide, from 10 µs to over 100 s), so that
 * percentiles cost fixed memory however long the unit runs.
 */
public final class LatencyHistogram {

    private static final double MIN_NANOS = 10_000;
    private static final double GROWTH = 1.04;
    private static final int BUCKETS = 420;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long nanos) {
        counts.incrementAndGet(bucketOf(nanos));
    }

    /** The given percentile (0..100) in milliseconds, or 0 with no samples. */
    public double percentileMillis(double percentile) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(total * percentile / 100.0);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= Math.max(rank, 1)) {
                return upperBoundNanos(i) / 1e6;
            }
        }
        return upperBoundNanos(BUCKETS - 1) / 1e6;
    }

    private static int bucketOf(long nanos) {
        if (nanos <= MIN_NANOS) {
            return 0;
        }
        int bucket = (int) Math.ceil(Math.log(nanos / MIN_NANOS) / Math.log(GROWTH));
        return Math.min(bucket, BUCKETS - 1);
    }

    private static double upperBoundNanos(int bucket) {
        return MIN_NANOS * Math.pow(GROWTH, bucket);
    }
}
