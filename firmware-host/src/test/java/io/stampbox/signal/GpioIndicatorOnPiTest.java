package io.stampbox.signal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.pi4j.boardinfo.util.BoardInfoHelper;
import io.stampbox.config.UnitConfig.BuzzerType;
import org.junit.jupiter.api.Test;

/** The production factory off the Pi: a clear error instead of a silent mock or a crash. */
class GpioIndicatorOnPiTest {

    @Test
    void offThePiTheGpioPlatformFailsWithAMessageNamingTheField() {
        assumeFalse(BoardInfoHelper.runningOnRaspberryPi(), "this machine is a Raspberry Pi");
        var error = assertThrows(IndicatorException.class,
                () -> GpioIndicator.onPi(MockGpio.traffic(BuzzerType.PASSIVE)));
        String message = error.getMessage();
        String expected = "feedback.platform: \"gpio\" needs usable GPIO (this machine: not a Raspberry Pi";
        assertTrue(message.startsWith(expected), message);
        assertTrue(message.contains("feedback.led.green: cannot open BCM 17 via Pi4J gpiod-digital-output"), message);
    }
}
