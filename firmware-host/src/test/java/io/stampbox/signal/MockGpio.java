package io.stampbox.signal;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import io.stampbox.config.UnitConfig.Buzzer;
import io.stampbox.config.UnitConfig.BuzzerType;
import io.stampbox.config.UnitConfig.Feedback;
import io.stampbox.config.UnitConfig.Led;
import io.stampbox.config.UnitConfig.LedType;
import io.stampbox.config.UnitConfig.Platform;

/** Pi4J's mock platform and the default wiring of hardware/wiring.md. */
final class MockGpio {

    private MockGpio() {}

    static Context context() {
        return Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(MockDigitalOutputProvider.newInstance(), MockPwmProvider.newInstance(),
                        MockDigitalInputProvider.newInstance())
                .build();
    }

    /** A context that has no PWM provider, to make opening a passive buzzer fail. */
    static Context contextWithoutPwm() {
        return Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(MockDigitalOutputProvider.newInstance())
                .build();
    }

    static Feedback traffic(BuzzerType buzzer) {
        return feedback(LedType.TRAFFIC, false, buzzer);
    }

    static Feedback feedback(LedType type, boolean activeLow, BuzzerType buzzer) {
        return new Feedback(Platform.GPIO, new Led(type, 17, 27, 22, 24, activeLow), new Buzzer(buzzer, 18));
    }

    static DigitalOutput led(Context context, String lamp) {
        return context.registry().get(GpioPanel.ID_PREFIX + "led-" + lamp, DigitalOutput.class);
    }

    static DigitalOutput activeBuzzer(Context context) {
        return context.registry().get(GpioPanel.ID_PREFIX + "buzzer", DigitalOutput.class);
    }

    static Pwm passiveBuzzer(Context context) {
        return context.registry().get(GpioPanel.ID_PREFIX + "buzzer", Pwm.class);
    }
}
