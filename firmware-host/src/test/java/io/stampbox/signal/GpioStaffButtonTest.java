package io.stampbox.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import io.stampbox.config.UnitConfig;
import io.stampbox.signal.StaffButton.Press;
import io.stampbox.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The staff button on Pi4J's mock digital input: pull-up (pressed = low), debounce, short and long. */
class GpioStaffButtonTest {

    private static final UnitConfig.Staff STAFF = new UnitConfig.Staff(23, 1500, 30, false, 10, 20);

    private ManualScheduler time = new ManualScheduler();
    private final List<Press> presses = new ArrayList<>();
    private Context context;
    private GpioStaffButton button;
    private MockDigitalInput pin;

    @BeforeEach
    void open() {
        context = MockGpio.context();
        button = GpioStaffButton.open(context, false, "mock-digital-input", STAFF, time);
        pin = (MockDigitalInput) context.registry().get(GpioStaffButton.ID, DigitalInput.class);
        pin.mockState(DigitalState.HIGH); // released: the pull-up holds the pin high
        button.start(presses::add);
    }

    @AfterEach
    void close() {
        button.close();
        context.shutdown();
    }

    @Test
    void aShortPressIsReportedOnRelease() {
        level(false, 100);
        assertEquals(List.of(), presses, "nothing while held");
        level(true, 100);
        assertEquals(List.of(Press.SHORT), presses);
    }

    @Test
    void aPressHeldPastTheThresholdIsLong() {
        level(false, 1499);
        level(true, 100);
        level(false, 1500);
        level(true, 100);
        assertEquals(List.of(Press.SHORT, Press.LONG), presses);
    }

    @Test
    void contactBounceMakesOnePress() {
        for (int i = 0; i < 5; i++) { // 5 ms of chatter at the touch
            pin.mockState(DigitalState.LOW);
            time.advance(1);
            pin.mockState(DigitalState.HIGH);
            time.advance(1);
        }
        level(false, 200);
        for (int i = 0; i < 4; i++) { // and at the release
            pin.mockState(DigitalState.HIGH);
            time.advance(2);
            pin.mockState(DigitalState.LOW);
            time.advance(2);
        }
        level(true, 100);
        assertEquals(List.of(Press.SHORT), presses);
    }

    @Test
    void aGlitchShorterThanTheDebounceIsNoPress() {
        pin.mockState(DigitalState.LOW);
        time.advance(10);
        pin.mockState(DigitalState.HIGH);
        time.advance(200);
        assertEquals(List.of(), presses);
    }

    @Test
    void aThrowingListenerDoesNotStopTheButton() {
        button.close();
        context.shutdown();
        context = MockGpio.context();
        time = new ManualScheduler(); // the old one was shut down with its button
        button = GpioStaffButton.open(context, false, "mock-digital-input", STAFF, time);
        pin = (MockDigitalInput) context.registry().get(GpioStaffButton.ID, DigitalInput.class);
        pin.mockState(DigitalState.HIGH);
        List<Press> seen = new ArrayList<>();
        button.start(p -> {
            seen.add(p);
            throw new IllegalStateException("boom");
        });
        level(false, 50);
        level(true, 50);
        level(false, 50);
        level(true, 50);
        assertEquals(2, seen.size());
    }

    @Test
    void aPinThatCannotBeOpenedNamesTheKey() {
        Context noInputs = MockGpio.contextWithoutPwm();
        try {
            var e = assertThrows(IndicatorException.class,
                    () -> GpioStaffButton.open(noInputs, false, "mock-digital-input", STAFF, time));
            assertTrue(e.getMessage().startsWith("staff.buttonPin: cannot open BCM 23"), e.getMessage());
        } finally {
            noInputs.shutdown();
        }
    }

    /** Sets the pin (true = high, released) and holds it for a while. */
    private void level(boolean high, long holdMs) {
        pin.mockState(high ? DigitalState.HIGH : DigitalState.LOW);
        time.advance(holdMs);
    }
}
