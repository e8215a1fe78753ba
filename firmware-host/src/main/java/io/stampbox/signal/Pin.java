package io.stampbox.signal;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/**
 * One LED or buzzer pin: "lit" maps to high, or to low for a common-anode LED.
 *
 * @param field the config field it comes from, e.g. {@code feedback.led.green}
 */
record Pin(String field, DigitalOutput output, boolean activeLow) {

    void set(boolean lit) {
        output.state(level(lit, activeLow));
    }

    static DigitalState level(boolean lit, boolean activeLow) {
        return lit != activeLow ? DigitalState.HIGH : DigitalState.LOW;
    }
}
