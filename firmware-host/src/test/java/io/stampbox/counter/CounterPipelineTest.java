package io.stampbox.counter;

import io.stampbox.time.Ticker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.ConfigLoader;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.RecordingIndicator;
import io.stampbox.wire.ScanEvent;
import io.stampbox.wire.Signal;
import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.outbox.OutboxException;
import io.stampbox.scan.Frame;
import io.stampbox.signal.Indication;
import io.stampbox.signal.UnitState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CounterPipelineTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00.123456Z");

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final RecordingIndicator indicator = new RecordingIndicator();
    private final Metrics metrics = new Metrics();
    private CounterPipeline pipeline;

    private static UnitConfig config(String extraCodes) throws Exception {
        return ConfigLoader.parse("""
                {"device": {"id": "unit-7", "store": "bakery-3"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "/unused"}, "feedback": {"platform": "none"},
                 "codes": {"cardPattern": "^CARD-(?<card>[0-9]{4})(-[0-9]{6})?$",
                           "voucherPattern": "^VCH-(?<voucher>[A-Z0-9]+)$", "repeatWindowMs": 2000 %s}}
                """.formatted(extraCodes));
    }

    private void start(UnitConfig config) {
        pipeline = new CounterPipeline(new CounterPipeline.Parts(() -> config, outbox, indicator,
                new StatusBoard(indicator), metrics, Clock.fixed(T0, ZoneOffset.UTC), () -> true, Redeemer.OFFLINE, SetupDesk.OFF,
                Ticker.SYSTEM, null));
        pipeline.start();
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static Frame frame(String text, long atMillis) {
        return frame(text.getBytes(StandardCharsets.UTF_8), atMillis);
    }

    private static Frame frame(byte[] bytes, long atMillis) {
        return new Frame(bytes, false, atMillis * 1_000_000L, T0.plusMillis(atMillis));
    }

    private List<Signal> signals(int count) throws InterruptedException {
        return indicator.await(count).stream().map(Indication::signal).toList();
    }

    @Test
    void aCardScanIsRecordedThenAccepted() throws Exception {
        start(config(""));
        pipeline.onFrame(frame("]Q1CARD-1234", 0));
        Indication accepted = indicator.await(1).get(0);
        assertEquals(Signal.ACCEPTED, accepted.signal());
        assertEquals(1, outbox.appended().size());
        ScanEvent event = ScanEvent.fromJson(outbox.appended().get(0).payload());
        assertEquals(accepted.eventId(), event.eventId());
        assertEquals(1, accepted.seq());
        assertEquals(7, UUID.fromString(event.eventId()).version());
        assertEquals("stampbox.scan.v1", event.schema());
        assertEquals("unit-7", event.deviceId());
        assertEquals("bakery-3", event.storeId());
        assertEquals("stamp", event.kind());
        assertEquals("1234", event.cardId());
        assertEquals("CARD-1234", event.code());
        assertEquals("qr", event.symbology());
        assertEquals("2026-11-22T12:00:00.123Z", event.scannedAt());
        assertTrue(event.clockSynced());
        assertEquals(1, metrics.get(Metrics.Tally.ACCEPTED));
    }

    @Test
    void aReReadInsideTheWindowIsARepeatAndMakesNoEvent() throws Exception {
        start(config(""));
        pipeline.onFrame(frame("CARD-1234", 0));
        pipeline.onFrame(frame("CARD-1234", 1500));
        pipeline.onFrame(frame("CARD-1234", 3000));
        pipeline.onFrame(frame("CARD-1234", 5001));
        assertEquals(List.of(Signal.ACCEPTED, Signal.REPEAT, Signal.REPEAT, Signal.ACCEPTED), signals(4));
        assertEquals(2, outbox.appended().size());
        assertEquals(2, outbox.appended().get(1).seq());
    }

    @Test
    void aCardStampedWithinTheCooldownGetsCooldown() throws Exception {
        start(config(", \"cooldownSeconds\": 60"));
        pipeline.onFrame(frame("CARD-1234-000001", 0));
        pipeline.onFrame(frame("CARD-1234-000002", 30_000));
        pipeline.onFrame(frame("CARD-5678", 30_001));
        pipeline.onFrame(frame("CARD-1234-000003", 60_000));
        assertEquals(List.of(Signal.ACCEPTED, Signal.COOLDOWN, Signal.ACCEPTED, Signal.ACCEPTED), signals(4));
        assertEquals(3, outbox.appended().size());
    }

    @Test
    void cooldownsSurviveARestartThroughTheOutbox() throws Exception {
        outbox.putCardStamp("1234", T0.toEpochMilli() - 10_000);
        start(config(", \"cooldownSeconds\": 60"));
        pipeline.onFrame(frame("CARD-1234", 0));
        assertEquals(List.of(Signal.COOLDOWN), signals(1));
        assertTrue(outbox.appended().isEmpty());
    }

    @Test
    void garbageInvalidUtf8AndOverlongFramesAreRejected() throws Exception {
        start(config(""));
        pipeline.onFrame(frame("hello world", 0));
        pipeline.onFrame(frame(new byte[] {'C', 'A', (byte) 0xC3, 0x28}, 1));
        pipeline.onFrame(new Frame(new byte[0], true, 2, T0));
        pipeline.onFrame(frame("CARD-12\u000034", 3));
        assertEquals(List.of(Signal.REJECTED, Signal.REJECTED, Signal.REJECTED, Signal.REJECTED), signals(4));
        assertTrue(outbox.appended().isEmpty());
        assertEquals(4, metrics.get(Metrics.Tally.REJECTED));
    }

    @Test
    void aVoucherIsUnverifiedUntilRedemptionExists() throws Exception {
        start(config(""));
        pipeline.onFrame(frame("VCH-AB12", 0));
        assertEquals(List.of(Signal.VOUCHER_UNVERIFIED), signals(1));
        assertTrue(outbox.appended().isEmpty());
        assertEquals(1, metrics.get(Metrics.Tally.VOUCHERS_UNVERIFIED));
    }

    @Test
    void aFailedWriteSignalsFaultKeepsNothingAndRecovers() throws Exception {
        start(config(""));
        pipeline.onFrame(frame("CARD-1234", 0));
        indicator.await(1);
        outbox.failAppendsWith(new OutboxException(OutboxException.Reason.IO, "No space left on device", null));
        pipeline.onFrame(frame("CARD-5678", 10_000));
        assertEquals(Signal.FAULT, signals(2).get(1));
        assertNull(indicator.shown().get(1).eventId());
        assertEquals(UnitState.STORAGE_FAULT, indicator.lastState());
        outbox.failAppendsWith(null);
        pipeline.onFrame(frame("CARD-5678", 10_100));
        Indication retried = indicator.await(3).get(2);
        assertEquals(Signal.ACCEPTED, retried.signal());
        assertEquals(2, retried.seq());
        assertEquals(2, outbox.appended().size());
        assertFalse(indicator.states().isEmpty());
        assertTrue(indicator.lastState() != UnitState.STORAGE_FAULT);
    }

    @Test
    void stopRecordsWhatWasAlreadyQueued() throws Exception {
        start(config(""));
        for (int i = 0; i < 50; i++) {
            pipeline.onFrame(frame("CARD-%04d".formatted(i), i));
        }
        pipeline.close();
        assertEquals(50, outbox.appended().size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i + 1, outbox.appended().get(i).seq());
        }
        assertEquals(50, indicator.shown().size());
    }
}
