package io.stampbox.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.wire.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class PatternsTest {

    @Test
    void everySignalHasAPatternShortEnoughForAQueue() {
        for (Signal signal : Signal.values()) {
            Pattern pattern = Patterns.forSignal(signal);
            assertNotNull(pattern, signal.wireName());
            assertEquals(signal.wireName(), pattern.name());
            assertTrue(pattern.durationMillis() <= Indicator.LONGEST_SIGNAL_MILLIS, signal + " lasts " + pattern.durationMillis() + " ms");
            assertTrue(pattern.steps().stream().anyMatch(Step::lit), signal + " lights an LED");
            assertTrue(pattern.steps().stream().anyMatch(Step::sounding), signal + " makes a sound");
        }
    }

    @Test
    void everySignalPatternEndsInSilence() {
        for (Signal signal : Signal.values()) {
            List<Step> steps = Patterns.forSignal(signal).steps();
            assertEquals(0, steps.get(steps.size() - 1).toneHz(), signal + " ends silent");
        }
    }

    @Test
    void signalsDifferInRhythmNotOnlyInColourOrPitch() {
        // what a colour-blind person hears and sees on a unit with an active (one-pitch) buzzer
        Signal[] signals = Signal.values();
        for (int i = 0; i < signals.length; i++) {
            for (int j = i + 1; j < signals.length; j++) {
                assertNotEquals(rhythm(Patterns.forSignal(signals[i])), rhythm(Patterns.forSignal(signals[j])),
                        signals[i] + " and " + signals[j] + " look and sound alike without colour and pitch");
            }
        }
    }

    @Test
    void soundsAloneTellTheSignalsApartForStaffNotLookingAtTheUnit() {
        Signal[] signals = Signal.values();
        for (int i = 0; i < signals.length; i++) {
            for (int j = i + 1; j < signals.length; j++) {
                assertNotEquals(soundOf(Patterns.forSignal(signals[i])), soundOf(Patterns.forSignal(signals[j])),
                        signals[i] + " and " + signals[j] + " sound alike");
            }
        }
    }

    @Test
    void idleStatesAreSilentAndDifferInRhythm() {
        List<List<Long>> rhythms = new ArrayList<>();
        for (UnitState state : UnitState.values()) {
            Pattern pattern = Patterns.idle(state);
            assertNotNull(pattern, state.name());
            assertTrue(pattern.steps().stream().noneMatch(Step::sounding), state + " is silent");
            List<Long> rhythm = runs(pattern, Step::lit);
            assertTrue(!rhythms.contains(rhythm), state + " blinks like another state");
            rhythms.add(rhythm);
        }
    }

    @Test
    void identifyLastsAboutTenSecondsWithEveryLampAndSound() {
        assertEquals(10_000, Patterns.IDENTIFY.durationMillis());
        assertTrue(Patterns.IDENTIFY.steps().stream().anyMatch(s -> s.colour() == Colour.ALL && s.sounding()));
    }

    /** Light on/off runs and sound on/off runs, ignoring colour and pitch. */
    private static List<List<Long>> rhythm(Pattern pattern) {
        return List.of(runs(pattern, Step::lit), runs(pattern, Step::sounding));
    }

    /** Sound on/off runs with pitch. */
    private static List<Object> soundOf(Pattern pattern) {
        List<Object> runs = new ArrayList<>();
        int tone = -1;
        long length = 0;
        for (Step step : pattern.steps()) {
            if (step.toneHz() != tone && length > 0) {
                runs.add(tone + "Hz/" + length);
                length = 0;
            }
            tone = step.toneHz();
            length += step.millis();
        }
        runs.add(tone + "Hz/" + length);
        return runs;
    }

    /** Lengths of alternating runs, starting with an "on" run (0 when the pattern starts off). */
    private static List<Long> runs(Pattern pattern, Predicate<Step> on) {
        List<Long> runs = new ArrayList<>();
        boolean state = true;
        long length = 0;
        for (Step step : pattern.steps()) {
            if (on.test(step) != state) {
                runs.add(length);
                state = !state;
                length = 0;
            }
            length += step.millis();
        }
        runs.add(length);
        return runs;
    }
}
