package io.stampbox.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.stampbox.config.UnitConfig.BuzzerType;
import io.stampbox.config.UnitConfig.Feedback;
import io.stampbox.fleet.SwappableIndicator;
import io.stampbox.testing.ManualScheduler;
import io.stampbox.wire.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GPIO that cannot be used at start: scans go on without signals, retries with backoff bring the LEDs back. */
class GpioRetryTest {

    private static final String DENIED = "permission denied on /dev/gpiochip0, root:root rw-------";

    private final Context context = MockGpio.context();
    private final Feedback feedback = MockGpio.traffic(BuzzerType.ACTIVE);
    private final ManualScheduler retries = new ManualScheduler();
    private final ManualScheduler playing = new ManualScheduler();
    private final List<Long> attempts = new ArrayList<>();
    private Indicator indicator;

    @AfterEach
    void shutDown() {
        if (indicator != null) {
            indicator.close();
        }
        context.shutdown();
    }

    /** Fails (as Pi4J on a root-only chip) until {@code failures} attempts were made, then opens the mock pins. */
    private Supplier<Indicator> opener(int failures) {
        return () -> {
            attempts.add(retries.now());
            if (attempts.size() <= failures) {
                throw new IndicatorException("feedback.platform: \"gpio\" needs usable GPIO: " + DENIED
                        + "; Pi4J: provider could not be found", DENIED, null);
            }
            return new GpioIndicator(GpioPanel.open(context, feedback, Pi4jTarget.mock()), playing, () -> {});
        };
    }

    @Test
    void theLedsComeBackWithoutARestartOnceTheChipOpens() {
        indicator = Indicators.gpio(opener(2), retries);
        assertInstanceOf(GpioRetry.class, indicator);
        assertEquals("none: " + DENIED, indicator.signals());
        indicator.state(UnitState.SCANNER_DISCONNECTED);
        indicator.show(Indication.of(Signal.ACCEPTED)); // taken, shown nowhere: no pins are open
        assertTrue(context.registry().all().isEmpty(), "no pin opened yet");

        retries.advance(GpioRetry.FIRST_RETRY_MILLIS);
        assertEquals(List.of(0L, 5_000L), attempts);
        assertEquals("none: " + DENIED, indicator.signals(), "second attempt failed too");
        retries.advance(2 * GpioRetry.FIRST_RETRY_MILLIS);
        assertEquals(List.of(0L, 5_000L, 15_000L), attempts, "the wait doubled");
        assertEquals("gpio", indicator.signals());
        assertEquals(DigitalState.HIGH, led("amber").state(),
                "the status light set before the pins opened (scanner disconnected: amber) is shown");

        indicator.show(Indication.of(Signal.ACCEPTED));
        assertEquals(DigitalState.HIGH, led("green").state(), "accepted lights green on the reopened pins");
        assertEquals(DigitalState.LOW, led("red").state());
        retries.advance(3_600_000);
        assertEquals(3, attempts.size(), "no attempt after success");
    }

    @Test
    void retriesBackOffToFiveMinutesAndSayWhyMeanwhile() {
        indicator = Indicators.gpio(opener(Integer.MAX_VALUE), retries);
        retries.advance(1_000_000);
        assertEquals(List.of(0L, 5_000L, 15_000L, 35_000L, 75_000L, 155_000L, 315_000L, 615_000L, 915_000L), attempts);
        assertEquals("none: " + DENIED, indicator.signals());
    }

    @Test
    void closingStopsTheRetries() {
        indicator = Indicators.gpio(opener(Integer.MAX_VALUE), retries);
        indicator.close();
        retries.advance(1_000_000);
        assertEquals(List.of(0L), attempts);
        indicator = null;
    }

    @Test
    void usablePinsAtStartNeedNoRetryThread() {
        indicator = Indicators.gpio(opener(0), retries);
        assertInstanceOf(GpioIndicator.class, indicator);
        assertEquals("gpio", indicator.signals());
        assertEquals(0, retries.pending());
    }

    @Test
    void aLongCauseIsCutForHealth() {
        String longer = "x".repeat(500);
        IndicatorException e = new IndicatorException("message", longer, null);
        assertEquals(GpioRetry.REASON_CHARS, GpioRetry.reasonOf(e).length());
        assertEquals("just this", GpioRetry.reasonOf(new IndicatorException("just this")));
    }

    @Test
    void theSwappableIndicatorReportsTheCurrentOne() {
        SwappableIndicator swappable = new SwappableIndicator(Indicators.gpio(opener(Integer.MAX_VALUE), retries));
        indicator = swappable;
        assertEquals("none: " + DENIED, swappable.signals());
        swappable.reopen(NoIndicator::new);
        assertEquals("none", swappable.signals());
        assertEquals(1, attempts.size(), "closed by the swap: no more retries");
    }

    private DigitalOutput led(String lamp) {
        return MockGpio.led(context, lamp);
    }
}
