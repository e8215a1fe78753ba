package io.stampbox.signal;

/**
 * The LEDs and the buzzer as one output, driven by the indicator thread only. The seam where tests
 * record a timeline (Pi4J's mock keeps only the last state).
 */
interface Panel {

    /** Shows a colour and sounds a tone (0 for silence) until the next call. */
    void set(Colour colour, int toneHz);

    /** Turns everything off (the safe state) and releases the outputs. */
    void close();
}
