package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stampbox.signal.Indicator;
import io.stampbox.testing.ManualScheduler;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The restart after an accepted setup code waits for the longest signal, on a manual scheduler. */
class SetupRestartTest {

    @Test
    void restartsOnlyOnceTheLongestSignalHasPlayed() {
        ManualScheduler time = new ManualScheduler();
        AtomicInteger restarts = new AtomicInteger();
        Runnable afterSignal = Unit.afterSignalPlays(restarts::incrementAndGet, time);

        afterSignal.run();
        assertEquals(0, restarts.get(), "returns at once: the pipeline thread does not wait");
        time.advance(Indicator.LONGEST_SIGNAL_MILLIS - 1);
        assertEquals(0, restarts.get());
        time.advance(1);
        assertEquals(1, restarts.get());
        time.advance(60_000);
        assertEquals(1, restarts.get(), "once");
    }
}
