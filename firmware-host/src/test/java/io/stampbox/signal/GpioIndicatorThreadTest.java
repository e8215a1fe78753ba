package io.stampbox.signal;

import io.stampbox.time.ThreadScheduler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import io.stampbox.testing.Await;
import io.stampbox.testing.SlowTest;
import io.stampbox.wire.Signal;
import io.stampbox.config.UnitConfig.BuzzerType;
import io.stampbox.signal.RecordingPanel.Change;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The production thread and clock, on Pi4J's mock GPIO: awaits conditions, never sleeps a fixed time. */
@SlowTest
class GpioIndicatorThreadTest {

    private final Context context = MockGpio.context();

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    @Test
    void patternsPlayOnTheIndicatorThreadAndTheStatusLightFollows() {
        long t0 = System.nanoTime();
        var panel = new RecordingPanel(GpioPanel.open(context, MockGpio.traffic(BuzzerType.ACTIVE), Pi4jTarget.mock()),
                () -> (System.nanoTime() - t0) / 1_000_000);
        var scheduler = new ThreadScheduler(GpioIndicator.THREAD_NAME);
        var indicator = new GpioIndicator(panel, scheduler, () -> {});
        var green = MockGpio.led(context, "green");
        var amber = MockGpio.led(context, "amber");

        indicator.state(UnitState.SCANNER_DISCONNECTED);
        await(() -> amber.state() == DigitalState.HIGH, "amber status light");
        indicator.show(Indication.of(Signal.ACCEPTED));
        await(() -> green.state() == DigitalState.HIGH, "accepted lights green");
        await(() -> amberAfterGreen(panel.changes()), "status light after the signal");

        indicator.close();
        assertTrue(panel.closed());
        assertEquals(Set.of(GpioIndicator.THREAD_NAME), Set.copyOf(panel.threads()), "one owning thread");
        assertEquals(DigitalState.LOW, green.state());
        assertEquals(DigitalState.LOW, amber.state());
        assertTrue(scheduler.stopped(), "thread stopped");
    }

    @Test
    void thePublicFactoryOpensTheOutputsOnTheCallersContextAndReleasesThemAtClose() {
        GpioIndicator indicator = GpioIndicator.open(context, MockGpio.traffic(BuzzerType.ACTIVE), Pi4jTarget.mock());
        var red = MockGpio.led(context, "red");
        var buzzer = MockGpio.activeBuzzer(context);
        indicator.show(Indication.of(Signal.REJECTED));
        await(() -> red.state() == DigitalState.HIGH && buzzer.state() == DigitalState.HIGH, "rejected");
        indicator.close();
        assertEquals(DigitalState.LOW, red.state());
        assertEquals(DigitalState.LOW, buzzer.state());
        assertFalse(context.registry().exists(GpioPanel.ID_PREFIX + "led-red"), "released");
        assertFalse(context.isShutdown(), "the caller's context stays up");
    }

    @Test
    void afterCloseRunsOnceAfterTheOutputsAreOff() {
        var panel = new RecordingPanel(GpioPanel.open(context, MockGpio.traffic(BuzzerType.NONE), Pi4jTarget.mock()),
                () -> 0);
        int[] runs = {0};
        var indicator = new GpioIndicator(panel, new ThreadScheduler(GpioIndicator.THREAD_NAME), () -> {
            assertTrue(panel.closed(), "outputs closed before the context goes");
            runs[0]++;
        });
        indicator.identify();
        indicator.close();
        indicator.close();
        assertEquals(1, runs[0]);
    }

    @Test
    void closingWhileSignalsStreamInLeavesEveryOutputOff() throws Exception {
        var panel = new RecordingPanel(
                GpioPanel.open(context, MockGpio.traffic(BuzzerType.PASSIVE), Pi4jTarget.mock()), () -> 0);
        var indicator = new GpioIndicator(panel, new ThreadScheduler(GpioIndicator.THREAD_NAME), () -> {});
        var red = MockGpio.led(context, "red");
        var buzzer = MockGpio.passiveBuzzer(context);
        var stop = new AtomicBoolean();
        Thread scans = new Thread(() -> {
            while (!stop.get()) {
                indicator.show(Indication.of(Signal.FAULT));
                indicator.state(UnitState.STORAGE_FAULT);
            }
        }, "scans");
        scans.start();
        await(() -> panel.changes().size() > 100, "signals playing");
        indicator.close();
        stop.set(true);
        scans.join(5_000);

        assertTrue(panel.closed(), "the close step ran");
        assertEquals(0, panel.setsAfterClose(), "nothing drives the outputs after close");
        assertEquals(DigitalState.LOW, red.state());
        assertFalse(buzzer.isOn());
    }

    private static boolean amberAfterGreen(List<Change> changes) {
        int green = changes.stream().map(Change::colour).toList().indexOf(Colour.GREEN);
        return green >= 0 && changes.subList(green, changes.size()).stream().anyMatch(c -> c.colour() == Colour.AMBER);
    }

    private static void await(Await.Condition condition, String what) {
        Await.until(what, Duration.ofSeconds(3), condition);
    }
}
