package io.stampbox.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.scan.Frame;
import io.stampbox.signal.Indication;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.UnitState;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.RecordingIndicator;
import io.stampbox.testing.ManualScheduler;
import io.stampbox.wire.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the systemd watchdog reads: the loop's last pass, on a manual ticker (20 s in milliseconds). */
class CounterPipelineResponsiveTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    /** Holds the pipeline thread in its first signal until released. */
    private static final class StuckIndicator implements Indicator {
        final CountDownLatch release = new CountDownLatch(1);
        final BlockingQueue<Indication> shown = new LinkedBlockingQueue<>();

        @Override
        public void show(Indication indication) {
            shown.add(indication);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void state(UnitState state) {}

        @Override
        public void identify() {}

        @Override
        public void close() {}
    }

    private static Frame frame(String text) {
        return new Frame(text.getBytes(StandardCharsets.UTF_8), false, System.nanoTime(), T0);
    }

    @Test
    void aLoopHeldForTwentySecondsIsNotResponsiveAndIsAgainOnceItComesRound() throws Exception {
        UnitConfig config = ConfigLoader.parse("""
                {"device": {"id": "unit-7", "store": "bakery-3"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "/unused"}, "feedback": {"platform": "none"},
                 "codes": {"cardPattern": "^CARD-(?<card>[0-9]{4})$"}}
                """);
        ManualScheduler time = new ManualScheduler();
        StuckIndicator stuck = new StuckIndicator();
        CounterPipeline pipeline = new CounterPipeline(new CounterPipeline.Parts(() -> config, new MemoryOutbox(),
                stuck, new StatusBoard(new RecordingIndicator()), new Metrics(), Clock.fixed(T0, ZoneOffset.UTC),
                () -> true, Redeemer.OFFLINE, SetupDesk.OFF, time, null));
        pipeline.start();
        try {
            assertTrue(pipeline.responsive());
            pipeline.onFrame(frame("CARD-1234"));
            assertEquals(Signal.ACCEPTED, stuck.shown.poll(5, TimeUnit.SECONDS).signal());

            time.advance(19_999);
            assertTrue(pipeline.responsive(), "held, but not for 20 s yet");
            time.advance(1);
            assertFalse(pipeline.responsive(), "held for 20 s: the watchdog must stop being fed");

            stuck.release.countDown();
            pipeline.onFrame(frame("CARD-5678"));
            assertEquals(Signal.ACCEPTED, stuck.shown.poll(5, TimeUnit.SECONDS).signal());
            assertTrue(pipeline.responsive(), "came round its loop again");
        } finally {
            stuck.release.countDown();
            pipeline.close();
        }
    }
}
