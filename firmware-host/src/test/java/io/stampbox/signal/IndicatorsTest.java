package io.stampbox.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.pi4j.boardinfo.util.BoardInfoHelper;
import io.stampbox.wire.Signal;
import io.stampbox.config.UnitConfig.BuzzerType;
import io.stampbox.config.UnitConfig.Feedback;
import io.stampbox.config.UnitConfig.Platform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IndicatorsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stdout = new PrintStream(bytes, false, StandardCharsets.UTF_8);

    @Test
    void theConsolePlatformPrintsSignalLinesOnTheGivenStream() {
        Indicator indicator = Indicators.forConfig(platform(Platform.CONSOLE), stdout);
        assertInstanceOf(ConsoleIndicator.class, indicator);
        indicator.show(Indication.of(Signal.REJECTED));
        assertEquals("SIGNAL rejected\n", bytes.toString(StandardCharsets.UTF_8));
        assertEquals("console", indicator.signals());
    }

    @Test
    void theNonePlatformDoesNothing() {
        Indicator indicator = Indicators.forConfig(platform(Platform.NONE), stdout);
        assertInstanceOf(NoIndicator.class, indicator);
        indicator.show(Indication.of(Signal.ACCEPTED));
        indicator.close();
        assertEquals("none", indicator.signals());
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theGpioPlatformOffThePiRunsWithoutSignalsInsteadOfFallingBackToTheMock() {
        assumeFalse(BoardInfoHelper.runningOnRaspberryPi(), "this machine is a Raspberry Pi");
        Indicator indicator = Indicators.forConfig(platform(Platform.GPIO), stdout);
        try {
            assertInstanceOf(GpioRetry.class, indicator, "no pins: retried, never the mock");
            assertTrue(indicator.signals().startsWith("none: "), indicator.signals());
        } finally {
            indicator.close();
        }
    }

    @Test
    void openNowOffThePiFailsWithTheCause() {
        assumeFalse(BoardInfoHelper.runningOnRaspberryPi(), "this machine is a Raspberry Pi");
        IndicatorException e = assertThrows(IndicatorException.class,
                () -> Indicators.openNow(platform(Platform.GPIO), stdout));
        assertTrue(e.getMessage().contains("use \"console\" or \"none\" elsewhere"), e.getMessage());
        assertInstanceOf(ConsoleIndicator.class, Indicators.openNow(platform(Platform.CONSOLE), stdout));
    }

    private static Feedback platform(Platform platform) {
        Feedback wired = MockGpio.traffic(BuzzerType.ACTIVE);
        return new Feedback(platform, wired.led(), wired.buzzer());
    }
}
