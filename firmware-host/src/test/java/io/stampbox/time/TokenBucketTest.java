package io.stampbox.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong();
    private final Ticker ticker = now::get;

    @Test
    void startsFullRefillsAtTheRateAndNeverAboveTheBurst() {
        TokenBucket b = new TokenBucket(100, 10, ticker);
        assertEquals(10, b.available());
        b.take(10);
        assertEquals(0, b.available());
        assertEquals(10_000_000, b.nanosUntil(1));
        now.addAndGet(55_000_000);
        assertEquals(5, b.available());
        now.addAndGet(10_000_000_000L);
        assertEquals(10, b.available());
        assertEquals(0, b.nanosUntil(50), "asking for more than the burst waits for the burst");
    }

    @Test
    void overTenSecondsAtMostBurstPlusRateTimesTimeAreTaken() {
        TokenBucket b = new TokenBucket(1_000, 20, ticker);
        long taken = 0;
        for (int step = 0; step < 10_000; step++) {
            int n = b.available();
            b.take(n);
            taken += n;
            now.addAndGet(1_000_000 + step % 7 * 100_000);
        }
        long elapsedNanos = now.get();
        assertEquals(20 + elapsedNanos / 1_000_000, taken, 1.0);
    }

    @Test
    void unlimitedNeverRunsDryAndBadArgumentsAreRefused() {
        TokenBucket u = TokenBucket.unlimited();
        assertFalse(u.limited());
        assertEquals(Integer.MAX_VALUE, u.available());
        assertEquals(0, u.nanosUntil(1_000));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, ticker));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, ticker));
    }
}
