package io.stampbox.signal;

import io.stampbox.testing.ManualScheduler;
import static io.stampbox.signal.RecordingPanel.timeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import io.stampbox.wire.Signal;
import io.stampbox.config.UnitConfig.BuzzerType;
import io.stampbox.config.UnitConfig.Feedback;
import io.stampbox.signal.RecordingPanel.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The indicator on Pi4J's mock GPIO, timed by a manual clock. */
class GpioIndicatorTest {

    private static final Map<Colour, Set<String>> TRAFFIC_LIT = Map.of(
            Colour.OFF, Set.of(), Colour.GREEN, Set.of("green"), Colour.AMBER, Set.of("amber"),
            Colour.RED, Set.of("red"), Colour.ALL, Set.of("green", "amber", "red"));

    private final Context context = MockGpio.context();
    private final ManualScheduler scheduler = new ManualScheduler();
    private RecordingPanel panel;
    private GpioIndicator indicator;

    @AfterEach
    void shutDown() {
        indicator.close();
        context.shutdown();
    }

    private void open(Feedback feedback) {
        panel = new RecordingPanel(GpioPanel.open(context, feedback, Pi4jTarget.mock()), scheduler::now);
        indicator = new GpioIndicator(panel, scheduler, () -> {});
    }

    @Test
    void outputsAreOffAtStartUntilTheUnitReportsItsState() {
        open(MockGpio.traffic(BuzzerType.PASSIVE));
        assertTrafficLights(Set.of());
        assertFalse(MockGpio.passiveBuzzer(context).isOn());
        scheduler.advance(10_000);
        assertEquals(List.of(), panel.changes());
    }

    @Test
    void eachSignalLightsItsLampAndSoundsItsToneStepByStep() {
        open(MockGpio.traffic(BuzzerType.PASSIVE));
        Pwm buzzer = MockGpio.passiveBuzzer(context);
        for (Signal signal : Signal.values()) {
            long start = scheduler.now();
            int first = panel.changes().size();
            indicator.show(Indication.of(signal));
            for (Step step : Patterns.forSignal(signal).steps()) {
                scheduler.advance(step.millis() / 2);
                String where = signal + " at " + (scheduler.now() - start) + " ms";
                assertTrafficLights(TRAFFIC_LIT.get(step.colour()), where);
                assertEquals(step.sounding(), buzzer.isOn(), where + ": buzzer on");
                if (step.sounding()) {
                    assertEquals(step.toneHz(), buzzer.getFrequency(), where + ": tone");
                }
                scheduler.advance(step.millis() - step.millis() / 2);
            }
            assertEquals(timeline(Patterns.forSignal(signal), start),
                    panel.changes().subList(first, first + Patterns.forSignal(signal).steps().size()),
                    signal + " timeline");
            assertTrafficLights(Set.of(), signal + " ended");
            assertFalse(buzzer.isOn(), signal + " ended: buzzer off");
        }
    }

    @Test
    void aNewSignalCutsShortTheOnePlaying() {
        open(MockGpio.traffic(BuzzerType.PASSIVE));
        indicator.show(Indication.of(Signal.REJECTED));
        scheduler.advance(100);
        indicator.show(Indication.of(Signal.ACCEPTED));
        assertTrafficLights(Set.of("green"));
        assertEquals(Patterns.HIGH, MockGpio.passiveBuzzer(context).getFrequency());
        scheduler.advance(5_000);

        List<Change> expected = new ArrayList<>(timeline(Patterns.forSignal(Signal.REJECTED), 0).subList(0, 1));
        expected.addAll(timeline(Patterns.forSignal(Signal.ACCEPTED), 100));
        expected.add(new Change(700, Colour.OFF, 0)); // back to the (dark) idle light
        assertEquals(expected, panel.changes());
    }

    @Test
    void theStatusLightReturnsWhenASignalEnds() {
        open(MockGpio.traffic(BuzzerType.PASSIVE));
        indicator.state(UnitState.SCANNER_DISCONNECTED);
        assertTrafficLights(Set.of("amber"));
        scheduler.advance(1_500);
        assertTrafficLights(Set.of(), "amber blink off phase");

        indicator.show(Indication.of(Signal.ACCEPTED));
        scheduler.advance(600);
        assertTrafficLights(Set.of(), "after accepted the status light resumes in its dark phase");
        scheduler.advance(1_000);
        assertTrafficLights(Set.of("amber"), "idle keeps blinking");
        assertEquals(List.of(new Change(2_100, Colour.OFF, 0), new Change(3_100, Colour.AMBER, 0)),
                panel.since(2_100), "status light timeline after the signal");
        scheduler.advance(1_000);
        assertTrafficLights(Set.of(), "idle keeps blinking");
    }

    @Test
    void aStateChangeDuringASignalWaitsForTheSignalToEnd() {
        open(MockGpio.traffic(BuzzerType.PASSIVE));
        indicator.state(UnitState.READY);
        indicator.show(Indication.of(Signal.COOLDOWN));
        indicator.state(UnitState.STORAGE_FAULT);
        assertTrafficLights(Set.of("amber"), "cooldown keeps playing");
        scheduler.advance(Patterns.forSignal(Signal.COOLDOWN).durationMillis());
        assertTrafficLights(Set.of(), "storage fault blink resumes dark");
        scheduler.advance(500);
        assertTrafficLights(Set.of("red"), "storage fault blink after cooldown");
    }

    @Test
    void theSameStateAgainDoesNotRestartTheBlink() {
        open(MockGpio.traffic(BuzzerType.PASSIVE));
        indicator.state(UnitState.READY);
        scheduler.advance(500);
        List<Change> before = panel.changes();
        indicator.state(UnitState.READY);
        assertEquals(before, panel.changes(), "no restart");
        scheduler.advance(2_500);
        assertEquals(timeline(Patterns.idle(UnitState.READY), 3_000).get(0), panel.since(3_000).get(0),
                "the heartbeat keeps its rhythm");
    }

    @Test
    void identifyBlinksEverythingForTenSecondsAndASignalCutsItShort() {
        open(MockGpio.traffic(BuzzerType.ACTIVE));
        indicator.state(UnitState.READY);
        indicator.identify();
        assertTrafficLights(Set.of("green", "amber", "red"));
        assertEquals(DigitalState.HIGH, MockGpio.activeBuzzer(context).state());
        scheduler.advance(9_900);
        assertTrafficLights(Set.of(), "identify off phase at 9.9 s");
        scheduler.advance(3_000);
        assertEquals(List.of(new Change(10_000, Colour.OFF, 0), new Change(12_850, Colour.GREEN, 0)),
                panel.since(10_000), "ready heartbeat after identify");

        indicator.identify();
        scheduler.advance(1_000);
        indicator.show(Indication.of(Signal.REJECTED));
        long end = scheduler.now() + Patterns.forSignal(Signal.REJECTED).durationMillis();
        scheduler.advance(5_000);
        assertTrue(panel.since(end).stream().noneMatch(c -> c.colour() == Colour.ALL),
                "identify does not come back after the signal");
    }

    @Test
    void closeTurnsEveryOutputOffAndReleasesIt() {
        open(MockGpio.traffic(BuzzerType.PASSIVE));
        var green = MockGpio.led(context, "green");
        Pwm buzzer = MockGpio.passiveBuzzer(context);
        indicator.show(Indication.of(Signal.ACCEPTED));
        assertEquals(DigitalState.HIGH, green.state());
        assertTrue(buzzer.isOn());

        indicator.close();
        assertEquals(DigitalState.LOW, green.state());
        assertFalse(buzzer.isOn());
        assertTrue(panel.closed());
        assertEquals(0, scheduler.pending(), "nothing left to play");
        assertTrue(context.registry().all().keySet().stream().noneMatch(id -> id.startsWith(GpioPanel.ID_PREFIX)));

        int before = panel.changes().size();
        indicator.show(Indication.of(Signal.FAULT));
        indicator.state(UnitState.STORAGE_FAULT);
        assertEquals(before, panel.changes().size(), "nothing plays after close");
        indicator.close();
    }

    private void assertTrafficLights(Set<String> lit) {
        assertTrafficLights(lit, "");
    }

    private void assertTrafficLights(Set<String> lit, String where) {
        for (String lamp : List.of("green", "amber", "red")) {
            DigitalState expected = lit.contains(lamp) ? DigitalState.HIGH : DigitalState.LOW;
            assertEquals(expected, MockGpio.led(context, lamp).state(), where + ": " + lamp + " LED");
        }
    }
}
