package io.stampbox.uplink;

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
}
