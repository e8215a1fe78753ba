package io.stampbox.time;

/**
 * A monotonic time source in nanoseconds, for measuring how long something took or has been waiting
 * (never for dates: that is a {@link java.time.Clock}). {@link #SYSTEM} is {@link System#nanoTime()}; tests
 * pass a manual one so that a 30 s wait takes no time.
 */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long nanos();
}
