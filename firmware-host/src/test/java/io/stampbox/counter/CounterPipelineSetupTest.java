package io.stampbox.counter;

import io.stampbox.time.Ticker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.ConfigLoader;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.RecordingIndicator;
import io.stampbox.wire.Signal;
import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.health.Metrics.Tally;
import io.stampbox.scan.Frame;
import io.stampbox.signal.Indication;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Setup codes go to the setup desk before classification: never an event, signalled by its verdict. */
class CounterPipelineSetupTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final String SETUP = "SBX1.eyJ2IjoxfQ.c2ln";

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final RecordingIndicator indicator = new RecordingIndicator();
    private final Metrics metrics = new Metrics();
    private CounterPipeline pipeline;

    /** A fake desk: answers with a set verdict and records what it was handed. */
    private static final class FakeDesk implements SetupDesk {
        final List<String> scanned = new CopyOnWriteArrayList<>();
        Verdict verdict;

        @Override
        public Verdict scanned(String text) {
            scanned.add(text);
            return verdict;
        }
    }

    private static UnitConfig config() throws Exception {
        return ConfigLoader.parse("""
                {"device": {"id": "unit-7", "store": "bakery-3"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "/unused"}, "feedback": {"platform": "none"},
                 "codes": {"cardPattern": "^(?<card>.+)$"}}
                """);
    }

    private void start(SetupDesk desk) throws Exception {
        UnitConfig config = config();
        pipeline = new CounterPipeline(new CounterPipeline.Parts(() -> config, outbox, indicator,
                new StatusBoard(indicator), metrics, Clock.fixed(T0, ZoneOffset.UTC), () -> true, Redeemer.OFFLINE, desk,
                Ticker.SYSTEM, null));
        pipeline.start();
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static Frame frame(String text) {
        return new Frame(text.getBytes(StandardCharsets.UTF_8), false, System.nanoTime(), T0);
    }

    @Test
    void aRejectedSetupCodeIsSignalledRejectedAndNeverRecorded() throws Exception {
        FakeDesk desk = new FakeDesk();
        desk.verdict = SetupDesk.Verdict.rejected("signature does not verify");
        start(desk);
        pipeline.onFrame(frame(SETUP)); // the card pattern takes anything: the setup path must come first
        assertEquals(Signal.REJECTED, indicator.await(1).get(0).signal());
        assertEquals(List.of(SETUP), desk.scanned);
        assertTrue(outbox.appended().isEmpty());
        assertEquals(1, metrics.get(Tally.REJECTED));
    }

    @Test
    void anAcceptedSetupCodeIsSignalledWithoutAnEventThenItsFollowUpRuns() throws Exception {
        FakeDesk desk = new FakeDesk();
        AtomicInteger shownBeforeRestart = new AtomicInteger(-1);
        desk.verdict = SetupDesk.Verdict.accepted("device.id=till-1",
                () -> shownBeforeRestart.set(indicator.shown().size()));
        start(desk);
        pipeline.onFrame(frame(SETUP));
        Indication accepted = indicator.await(1).get(0);
        assertEquals(Signal.ACCEPTED, accepted.signal());
        assertNull(accepted.eventId());
        assertEquals(0, accepted.seq());
        pipeline.close();
        assertEquals(1, shownBeforeRestart.get(), "the follow-up runs once the signal is shown");
        assertTrue(outbox.appended().isEmpty());
        assertEquals(0, metrics.get(Tally.ACCEPTED), "not a stamp");
    }

    @Test
    void withoutASetupDeskEverySetupCodeIsRejectedAndCardsStillCount() throws Exception {
        UnitConfig config = config();
        pipeline = new CounterPipeline(new CounterPipeline.Parts(() -> config, outbox, indicator,
                new StatusBoard(indicator), metrics, Clock.fixed(T0, ZoneOffset.UTC), () -> true, Redeemer.OFFLINE, SetupDesk.OFF,
                Ticker.SYSTEM, null));
        pipeline.start();
        pipeline.onFrame(frame(SETUP));
        pipeline.onFrame(frame("CARD-1"));
        List<Signal> signals = indicator.await(2).stream().map(Indication::signal).toList();
        assertEquals(List.of(Signal.REJECTED, Signal.ACCEPTED), signals);
        assertEquals(1, outbox.appended().size());
    }

    @Test
    void aDeskThatThrowsGivesRejected() throws Exception {
        start(text -> {
            throw new IllegalStateException("broken");
        });
        pipeline.onFrame(frame(SETUP));
        assertEquals(Signal.REJECTED, indicator.await(1).get(0).signal());
        assertTrue(outbox.appended().isEmpty());
    }
}
