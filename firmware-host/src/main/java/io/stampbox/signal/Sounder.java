package io.stampbox.signal;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.pwm.Pwm;

/** The buzzer: plays a tone until told otherwise; 0 Hz is silence. */
interface Sounder {

    Sounder NONE = toneHz -> {};

    void tone(int toneHz);

    /** An active buzzer has its own oscillator: it only knows on and off, so pitch is lost. */
    static Sounder active(DigitalOutput output) {
        return toneHz -> output.state(toneHz > 0 ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** A passive buzzer sounds at the frequency of a hardware PWM square wave. */
    static Sounder passive(Pwm pwm) {
        return toneHz -> {
            if (toneHz > 0) {
                pwm.on(50, toneHz);
            } else {
                pwm.off();
            }
        };
    }
}
