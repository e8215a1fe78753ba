package io.stampbox.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneSecondUpToTheCapWithinHalfToFullJitter() {
        Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999999);

        assertEquals(Duration.ofMillis(500), low.delay(0));
        assertEquals(Duration.ofMillis(1000), high.delay(0));
        assertEquals(Duration.ofMillis(2000), high.delay(1));
        assertEquals(Duration.ofMillis(32000), high.delay(5));
        assertEquals(Duration.ofMillis(60000), high.delay(6));
        assertEquals(Duration.ofMillis(30000), low.delay(100));
        assertEquals(Duration.ofMillis(60000), high.delay(Integer.MAX_VALUE));
    }

    @Test
    void withoutJitterCountsItsOwnAttemptsDoublingToTheCapAndResets() {
        Backoff reopen = Backoff.exact(Duration.ofMillis(250), Duration.ofSeconds(5));

        long[] delays = new long[8];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = reopen.nextMs();
        }
        assertEquals("[250, 500, 1000, 2000, 4000, 5000, 5000, 5000]", java.util.Arrays.toString(delays));
        reopen.reset();
        assertEquals(250, reopen.nextMs());
        assertEquals(5000, reopen.maxMs());
    }

    @Test
    void jitteredStaysWithinHalfToFullOfTheCeiling() {
        Backoff backoff = Backoff.jittered(Duration.ofSeconds(1), Duration.ofSeconds(60));
        for (int i = 0; i < 1000; i++) {
            long ms = backoff.delay(3).toMillis();
            assertEquals(true, ms >= 4000 && ms <= 8000, "attempt 3 waits 4..8 s, got " + ms);
        }
    }

    @Test
    void fullJitterSpreadsOverTheWholeIntervalAndNeverGivesUp() {
        assertEquals(1, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0, true).delay(5).toMillis());
        assertEquals(60_000, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0, true)
                .delay(Integer.MAX_VALUE).toMillis(), "the cap, even after ever so many attempts");
        Backoff backoff = Backoff.fullJitter(Duration.ofSeconds(1), Duration.ofSeconds(60));
        long below = 0;
        for (int i = 0; i < 1000; i++) {
            long ms = backoff.delay(3).toMillis();
            assertEquals(true, ms >= 1 && ms <= 8000, "attempt 3 waits 0..8 s, got " + ms);
            below += ms < 4000 ? 1 : 0;
        }
        assertEquals(true, below > 350 && below < 650, "about half below the equal-jitter floor, got " + below);
    }
}
