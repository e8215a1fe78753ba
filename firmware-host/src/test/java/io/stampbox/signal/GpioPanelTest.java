package io.stampbox.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import io.stampbox.config.UnitConfig.Buzzer;
import io.stampbox.config.UnitConfig.BuzzerType;
import io.stampbox.config.UnitConfig.Feedback;
import io.stampbox.config.UnitConfig.Led;
import io.stampbox.config.UnitConfig.LedType;
import io.stampbox.config.UnitConfig.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pin mapping of the GPIO panel on Pi4J's mock outputs. */
class GpioPanelTest {

    private static final DigitalState H = DigitalState.HIGH;
    private static final DigitalState L = DigitalState.LOW;

    private Context context = MockGpio.context();

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    @Test
    void anRgbLedMixesAmberFromRedAndGreenAndShowsWhiteForAll() {
        GpioPanel panel = GpioPanel.open(context, MockGpio.feedback(LedType.RGB, false, BuzzerType.NONE),
                Pi4jTarget.mock());
        assertRgb(L, L, L, "at start");
        panel.set(Colour.GREEN, 0);
        assertRgb(L, H, L, "green");
        panel.set(Colour.AMBER, 0);
        assertRgb(H, H, L, "amber");
        panel.set(Colour.RED, 0);
        assertRgb(H, L, L, "red");
        panel.set(Colour.ALL, 0);
        assertRgb(H, H, H, "all");
        panel.close();
        assertFalse(context.registry().exists(GpioPanel.ID_PREFIX + "led-red"), "released");
    }

    @Test
    void aCommonAnodeLedIsLitByALowPinAndOffWhenHigh() {
        GpioPanel panel = GpioPanel.open(context, MockGpio.feedback(LedType.RGB, true, BuzzerType.NONE),
                Pi4jTarget.mock());
        DigitalOutput red = MockGpio.led(context, "red");
        assertRgb(H, H, H, "off at start");
        panel.set(Colour.AMBER, 0);
        assertRgb(L, L, H, "amber");
        panel.close();
        assertEquals(H, red.state(), "off after close");
    }

    @Test
    void trafficLightsUseTheirOwnPinsAndTheBuzzerPinIsNeverAnLed() {
        GpioPanel panel = GpioPanel.open(context, MockGpio.traffic(BuzzerType.ACTIVE), Pi4jTarget.mock());
        Map<String, Integer> pins = Map.of("green", 17, "amber", 27, "red", 22);
        pins.forEach((lamp, bcm) -> assertEquals(bcm, MockGpio.led(context, lamp).address(), lamp + " BCM pin"));
        assertEquals(18, MockGpio.activeBuzzer(context).address());
        assertFalse(context.registry().exists(GpioPanel.ID_PREFIX + "led-blue"));
        panel.close();
    }

    @Test
    void anActiveBuzzerIsSwitchedOnForAnyTone() {
        GpioPanel panel = GpioPanel.open(context, MockGpio.traffic(BuzzerType.ACTIVE), Pi4jTarget.mock());
        DigitalOutput buzzer = MockGpio.activeBuzzer(context);
        assertEquals(L, buzzer.state(), "silent at start");
        panel.set(Colour.GREEN, Patterns.LOW);
        assertEquals(H, buzzer.state());
        panel.set(Colour.GREEN, 0);
        assertEquals(L, buzzer.state());
        panel.set(Colour.RED, Patterns.HIGH);
        panel.close();
        assertEquals(L, buzzer.state(), "silent after close");
    }

    @Test
    void aPassiveBuzzerPlaysTheToneFrequencyOnHardwarePwm() {
        GpioPanel panel = GpioPanel.open(context, MockGpio.traffic(BuzzerType.PASSIVE), Pi4jTarget.mock());
        Pwm buzzer = MockGpio.passiveBuzzer(context);
        assertEquals(0, buzzer.address(), "BCM 18 is PWM channel 0 on a Pi 1-4");
        assertFalse(buzzer.isOn(), "silent at start");
        panel.set(Colour.GREEN, Patterns.HIGH);
        assertTrue(buzzer.isOn());
        assertEquals(Patterns.HIGH, buzzer.getFrequency());
        assertEquals(50f, buzzer.getDutyCycle(), 0.01f);
        panel.set(Colour.GREEN, Patterns.BUZZ);
        assertEquals(Patterns.BUZZ, buzzer.getFrequency());
        panel.set(Colour.GREEN, 0);
        assertFalse(buzzer.isOn());
        panel.set(Colour.RED, Patterns.MID);
        panel.close();
        assertFalse(buzzer.isOn(), "silent after close");
        assertFalse(context.registry().exists(GpioPanel.ID_PREFIX + "buzzer"), "released");
    }

    @Test
    void onAPi5Bcm18IsPwmChannel2() {
        Pi4jTarget pi5Mock = new Pi4jTarget("mock-digital-output", "mock-pwm", true);
        GpioPanel panel = GpioPanel.open(context, MockGpio.traffic(BuzzerType.PASSIVE), pi5Mock);
        assertEquals(2, MockGpio.passiveBuzzer(context).address());
        panel.close();
    }

    @Test
    void noBuzzerOpensNoBuzzerOutput() {
        GpioPanel panel = GpioPanel.open(context, MockGpio.traffic(BuzzerType.NONE), Pi4jTarget.mock());
        panel.set(Colour.RED, Patterns.BUZZ);
        assertFalse(context.registry().exists(GpioPanel.ID_PREFIX + "buzzer"));
        panel.close();
    }

    @Test
    void wiringMistakesNameTheirFieldBeforeAnyPinIsOpened() {
        var twice = new Feedback(Platform.GPIO, new Led(LedType.TRAFFIC, 17, 17, 22, 24, false),
                new Buzzer(BuzzerType.NONE, 18));
        assertEquals("feedback.led.amber: BCM 17 is already used by feedback.led.green", openFails(twice));

        var buzzerOnLed = new Feedback(Platform.GPIO, new Led(LedType.TRAFFIC, 17, 27, 22, 24, false),
                new Buzzer(BuzzerType.ACTIVE, 22));
        assertEquals("feedback.buzzer.pin: BCM 22 is already used by feedback.led.red", openFails(buzzerOnLed));

        var noPwm = new Feedback(Platform.GPIO, new Led(LedType.TRAFFIC, 17, 27, 22, 24, false),
                new Buzzer(BuzzerType.PASSIVE, 23));
        assertEquals("feedback.buzzer.pin: a passive buzzer needs a hardware PWM pin (12, 13, 18 or 19), got 23",
                openFails(noPwm));

        var offBoard = new Feedback(Platform.GPIO, new Led(LedType.RGB, 17, 27, 40, 24, false),
                new Buzzer(BuzzerType.NONE, 18));
        assertEquals("feedback.led.red: must be a BCM pin 0..27, got 40", openFails(offBoard));
        assertEquals(List.of(), ours(), "nothing left open");
    }

    @Test
    void aFailureHalfWayReleasesTheOutputsAlreadyOpened() {
        context.shutdown();
        context = MockGpio.contextWithoutPwm();
        String message = openFails(MockGpio.traffic(BuzzerType.PASSIVE));
        assertTrue(message.startsWith("feedback.buzzer.pin: cannot open BCM 18 via Pi4J mock-pwm channel 0: "),
                message);
        assertEquals(List.of(), ours(), "LEDs opened before the failure are released");
    }

    private String openFails(Feedback feedback) {
        return assertThrows(IndicatorException.class,
                () -> GpioPanel.open(context, feedback, Pi4jTarget.mock())).getMessage();
    }

    private List<String> ours() {
        return context.registry().all().keySet().stream().filter(id -> id.startsWith(GpioPanel.ID_PREFIX)).toList();
    }

    private void assertRgb(DigitalState red, DigitalState green, DigitalState blue, String what) {
        assertEquals(red, MockGpio.led(context, "red").state(), what + ": red pin");
        assertEquals(green, MockGpio.led(context, "green").state(), what + ": green pin");
        assertEquals(blue, MockGpio.led(context, "blue").state(), what + ": blue pin");
    }
}
