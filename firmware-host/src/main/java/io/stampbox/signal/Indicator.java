package io.stampbox.signal;

/**
 * The port to the LEDs and buzzer. Calls return at once: patterns play on the indicator's own thread,
 * and a new signal cuts short the one playing.
 */
public interface Indicator extends AutoCloseable {

    /** No signal's pattern lasts longer: the queue at the counter keeps moving. */
    long LONGEST_SIGNAL_MILLIS = 1_200;

    /** Plays the signal's pattern (and, on the console platform, prints its line). */
    void show(Indication indication);

    /** Sets the idle status light shown when no signal is playing. */
    void state(UnitState state);

    /** Blinks and beeps for a while so that an installer can find this unit. */
    void identify();

    /**
     * What drives the signals now, for health, status and the log: {@code gpio}, {@code console},
     * {@code none}, or {@code none: <why>} when the {@code gpio} platform cannot use the pins.
     */
    default String signals() {
        return "none";
    }

    /** Turns every output off (its safe state) and releases it. */
    @Override
    void close();
}
