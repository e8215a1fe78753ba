package io.stampbox.signal;

/**
 * One step of a pattern: hold the LEDs and the buzzer like this for a while.
 *
 * @param millis how long the step lasts, > 0
 * @param colour what the LEDs show
 * @param toneHz the buzzer's pitch, 0 for silence; an active buzzer only knows sound or silence
 */
record Step(long millis, Colour colour, int toneHz) {

    static final int SILENT = 0;

    Step {
        if (millis <= 0) {
            throw new IllegalArgumentException("step millis must be > 0, got " + millis);
        }
        if (toneHz < 0) {
            throw new IllegalArgumentException("step toneHz must be >= 0, got " + toneHz);
        }
    }

    static Step of(long millis, Colour colour, int toneHz) {
        return new Step(millis, colour, toneHz);
    }

    static Step light(long millis, Colour colour) {
        return new Step(millis, colour, SILENT);
    }

    boolean sounding() {
        return toneHz > 0;
    }

    boolean lit() {
        return colour != Colour.OFF;
    }
}
