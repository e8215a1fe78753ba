package io.stampbox.counter;

import io.stampbox.time.Ticker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.ConfigLoader;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.RecordingIndicator;
import io.stampbox.wire.ScanEvent;
import io.stampbox.wire.Signal;
import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.scan.Frame;
import io.stampbox.signal.Indication;
import io.stampbox.totp.Totp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rotating card codes ({@code codes.totp}) through the pipeline; the frame's time is the unit's clock. */
class CounterPipelineTotpTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00.123456Z");
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final RecordingIndicator indicator = new RecordingIndicator();
    private final Metrics metrics = new Metrics();
    private volatile boolean clockSynced = true;
    private CounterPipeline pipeline;

    private void start(String extraTotp, String extraCodes) throws Exception {
        UnitConfig config = ConfigLoader.parse("""
                {"device": {"id": "unit-7", "store": "bakery-3"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "/unused"}, "feedback": {"platform": "none"},
                 "codes": {"cardPattern": "^CARD-(?<card>[0-9]{4})\\\\.(?<totp>[0-9]+)$", "repeatWindowMs": 2000,
                           "totp": {"secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "digits": 8 %s} %s}}
                """.formatted(extraTotp, extraCodes));
        pipeline = new CounterPipeline(new CounterPipeline.Parts(() -> config, outbox, indicator,
                new StatusBoard(indicator), metrics, Clock.fixed(T0, ZoneOffset.UTC), () -> clockSynced, Redeemer.OFFLINE, SetupDesk.OFF,
                Ticker.SYSTEM, null));
        pipeline.start();
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** The card's code as its phone shows it {@code stepOffset} periods from the unit's time {@code atMillis}. */
    private static String code(String card, long atMillis, int stepOffset) {
        long step = Totp.step(T0.plusMillis(atMillis).toEpochMilli(), 30) + stepOffset;
        return "CARD-" + card + "." + Totp.value(SEED, step, 8);
    }

    private static Frame frame(String text, long atMillis) {
        return new Frame(text.getBytes(StandardCharsets.UTF_8), false, atMillis * 1_000_000L, T0.plusMillis(atMillis));
    }

    private List<Signal> signals(int count) throws InterruptedException {
        return indicator.await(count).stream().map(Indication::signal).toList();
    }

    @Test
    void aCurrentValueIsAcceptedAndTheEventCarriesTheCardId() throws Exception {
        start("", "");
        String code = code("1234", 0, 0);
        pipeline.onFrame(frame(code, 0));
        assertEquals(List.of(Signal.ACCEPTED), signals(1));
        ScanEvent event = ScanEvent.fromJson(outbox.appended().get(0).payload());
        assertEquals("1234", event.cardId());
        assertEquals(code, event.code());
        assertTrue(event.clockSynced());
    }

    @Test
    void oneStepOfSkewEitherWayIsAcceptedTwoIsRejected() throws Exception {
        start("", "");
        pipeline.onFrame(frame(code("0001", 0, -1), 0));
        pipeline.onFrame(frame(code("0002", 0, 1), 0));
        pipeline.onFrame(frame(code("0003", 0, -2), 0));
        pipeline.onFrame(frame(code("0004", 0, 2), 0));
        assertEquals(List.of(Signal.ACCEPTED, Signal.ACCEPTED, Signal.REJECTED, Signal.REJECTED), signals(4));
        assertEquals(2, outbox.appended().size());
    }

    @Test
    void aWrongOrMalformedValueIsRejected() throws Exception {
        start("", "");
        String good = code("1234", 0, 0);
        String wrong = good.substring(0, good.length() - 1) + (good.endsWith("0") ? "1" : "0");
        pipeline.onFrame(frame(wrong, 0));
        pipeline.onFrame(frame("CARD-1234.123", 10));
        pipeline.onFrame(frame(wrong, 500));
        assertEquals(List.of(Signal.REJECTED, Signal.REJECTED, Signal.REJECTED), signals(3));
        assertTrue(outbox.appended().isEmpty());
    }

    @Test
    void aReplayedStepIsARepeatEvenAfterTheRepeatWindow() throws Exception {
        start("", "");
        String code = code("1234", 0, 0);
        pipeline.onFrame(frame(code, 0));
        pipeline.onFrame(frame(code, 5_000));
        pipeline.onFrame(frame(code("1234", 0, -1), 10_000));
        pipeline.onFrame(frame(code("1234", 0, 1), 15_000));
        assertEquals(List.of(Signal.ACCEPTED, Signal.REPEAT, Signal.REPEAT, Signal.ACCEPTED), signals(4));
        assertEquals(2, outbox.appended().size());
    }

    @Test
    void theCooldownIsByCardIdNotByTheRotatingCode() throws Exception {
        start("", ", \"cooldownSeconds\": 600");
        pipeline.onFrame(frame(code("1234", 0, 0), 0));
        pipeline.onFrame(frame(code("1234", 60_000, 0), 60_000));
        assertEquals(List.of(Signal.ACCEPTED, Signal.COOLDOWN), signals(2));
    }

    @Test
    void perCardKeysAreDerivedFromTheProgramKey() throws Exception {
        start(", \"perCard\": true", "");
        long step = Totp.step(T0.toEpochMilli(), 30);
        String value = Totp.value(Totp.cardKey(SEED, "1234"), step, 8);
        pipeline.onFrame(frame("CARD-1234." + value, 0));
        pipeline.onFrame(frame("CARD-5678." + value, 10));
        assertEquals(List.of(Signal.ACCEPTED, Signal.REJECTED), signals(2));
    }

    @Test
    void withTheClockNotSynchronisedAWellFormedValueIsTakenAndMarked() throws Exception {
        clockSynced = false;
        start("", "");
        pipeline.onFrame(frame(code("1234", 0, 40), 0));
        pipeline.onFrame(frame("CARD-5678.12x45678", 10));
        assertEquals(List.of(Signal.ACCEPTED, Signal.REJECTED), signals(2));
        assertFalse(ScanEvent.fromJson(outbox.appended().get(0).payload()).clockSynced());
    }

    @Test
    void withTheClockNotSynchronisedAMatchingStepIsStillUsedOnce() throws Exception {
        clockSynced = false;
        start("", "");
        String code = code("1234", 0, 0);
        pipeline.onFrame(frame(code, 0));
        pipeline.onFrame(frame(code, 5_000));
        assertEquals(List.of(Signal.ACCEPTED, Signal.REPEAT), signals(2));
    }
}
