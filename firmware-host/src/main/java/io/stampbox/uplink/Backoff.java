package io.stampbox.uplink;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * {@code min(max, initial * 2^n)}, so that a fleet does not reconnect in step.
 *
 * @param random values in [0, 1); injected so tests are exact
 */
record Backoff(Duration initial, Duration max, DoubleSupplier random) {

    Duration delay(int attempt) {
        double ceiling = Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, Math.min(attempt, 30)));
        double jittered = ceiling / 2 + random.getAsDouble() * ceiling / 2;
        return Duration.ofMillis(Math.max(1, Math.round(jittered)));
    }
}
