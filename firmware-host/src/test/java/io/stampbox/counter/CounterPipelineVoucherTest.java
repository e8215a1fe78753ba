package io.stampbox.counter;

import io.stampbox.time.Ticker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.ConfigLoader;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.RecordingIndicator;
import io.stampbox.wire.Signal;
import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.scan.Frame;
import io.stampbox.signal.Indication;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Vouchers through the pipeline with a redeemer whose answers the test gives. */
class CounterPipelineVoucherTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00.123456Z");

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final RecordingIndicator indicator = new RecordingIndicator();
    private final Metrics metrics = new Metrics();
    private final FakeRedeemer redeemer = new FakeRedeemer();
    private CounterPipeline pipeline;

    private void start(Redeemer with) throws Exception {
        UnitConfig config = ConfigLoader.parse("""
                {"device": {"id": "unit-7", "store": "bakery-3"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "/unused"}, "feedback": {"platform": "none"},
                 "codes": {"cardPattern": "^CARD-(?<card>[0-9]{4})$", "redeemTimeoutMs": 2500,
                           "voucherPattern": "^VCH-(?<voucher>[A-Z0-9]+)$", "repeatWindowMs": 2000}}
                """);
        pipeline = new CounterPipeline(new CounterPipeline.Parts(() -> config, outbox, indicator,
                new StatusBoard(indicator), metrics, Clock.fixed(T0, ZoneOffset.UTC), () -> true, with, SetupDesk.OFF,
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
        return new Frame(text.getBytes(StandardCharsets.UTF_8), false, atMillis * 1_000_000L, T0.plusMillis(atMillis));
    }

    private List<Signal> signals(int count) throws InterruptedException {
        return indicator.await(count).stream().map(Indication::signal).toList();
    }

    @Test
    void aVoucherIsAskedForWithEveryFieldAndAcceptedOnTheBackendsWord() throws Exception {
        start(redeemer);
        pipeline.onFrame(frame("VCH-AB12", 0));
        FakeRedeemer.Asked asked = redeemer.await(1);
        assertEquals(new Redeemer.Request("AB12", "VCH-AB12", "unit-7", "bakery-3", "2026-11-22T12:00:00.123Z", 2500),
                asked.request());
        assertTrue(indicator.shown().isEmpty(), "nothing is signalled before the answer");
        asked.answer().complete(Redeemer.Verdict.ACCEPTED);
        assertEquals(List.of(Signal.VOUCHER_ACCEPTED), signals(1));
        assertEquals(1, metrics.get(Metrics.Tally.VOUCHERS_ACCEPTED));
        assertTrue(outbox.appended().isEmpty(), "a voucher is no scan event");
    }

    @Test
    void refusedAndUnverifiedHaveTheirOwnSignalsAndCounters() throws Exception {
        start(redeemer);
        pipeline.onFrame(frame("VCH-AAAA", 0));
        redeemer.await(1).answer().complete(Redeemer.Verdict.REFUSED);
        pipeline.onFrame(frame("VCH-BBBB", 10));
        redeemer.await(2).answer().complete(Redeemer.Verdict.UNVERIFIED);
        pipeline.onFrame(frame("VCH-CCCC", 20));
        redeemer.await(3).answer().completeExceptionally(new IllegalStateException("boom"));
        assertEquals(List.of(Signal.VOUCHER_REFUSED, Signal.VOUCHER_UNVERIFIED, Signal.VOUCHER_UNVERIFIED), signals(3));
        assertEquals(1, metrics.get(Metrics.Tally.VOUCHERS_REFUSED));
        assertEquals(2, metrics.get(Metrics.Tally.VOUCHERS_UNVERIFIED));
    }

    @Test
    void stampsKeepBeingAcceptedWhileARedemptionWaits() throws Exception {
        start(redeemer);
        pipeline.onFrame(frame("VCH-AB12", 0));
        FakeRedeemer.Asked pending = redeemer.await(1);
        for (int i = 0; i < 5; i++) {
            pipeline.onFrame(frame("CARD-000" + i, 100 + i));
        }
        assertEquals(List.of(Signal.ACCEPTED, Signal.ACCEPTED, Signal.ACCEPTED, Signal.ACCEPTED, Signal.ACCEPTED),
                signals(5));
        assertEquals(5, outbox.appended().size());
        pending.answer().complete(Redeemer.Verdict.ACCEPTED);
        assertEquals(Signal.VOUCHER_ACCEPTED, signals(6).get(5));
    }

    @Test
    void aReReadInsideTheWindowIsARepeatAndAsksNoSecondTime() throws Exception {
        start(redeemer);
        pipeline.onFrame(frame("VCH-AB12", 0));
        pipeline.onFrame(frame("VCH-AB12", 500));
        assertEquals(List.of(Signal.REPEAT), signals(1));
        redeemer.await(1).answer().complete(Redeemer.Verdict.ACCEPTED);
        assertEquals(List.of(Signal.REPEAT, Signal.VOUCHER_ACCEPTED), signals(2));
        assertEquals(1, redeemer.asked.size());
    }

    @Test
    void aVoucherSignalNeverComesBeforeThatOfAScanReadBeforeIt() throws Exception {
        start(Redeemer.OFFLINE);
        for (int i = 0; i < 20; i++) {
            pipeline.onFrame(frame("CARD-%04d".formatted(i), i));
            pipeline.onFrame(frame("VCH-V%03d".formatted(i), i));
        }
        int accepted = 0;
        int vouchers = 0;
        for (Signal signal : signals(40)) {
            if (signal == Signal.ACCEPTED) {
                accepted++;
            } else {
                vouchers++;
                assertTrue(accepted >= vouchers, "voucher " + vouchers + " signalled after only " + accepted + " stamps");
            }
        }
        assertEquals(20, vouchers);
    }

    @Test
    void aRedeemerThatThrowsGivesUnverified() throws Exception {
        start(request -> {
            throw new IllegalStateException("broken");
        });
        pipeline.onFrame(frame("VCH-AB12", 0));
        assertEquals(List.of(Signal.VOUCHER_UNVERIFIED), signals(1));
        pipeline.onFrame(frame("CARD-1234", 10));
        assertEquals(Signal.ACCEPTED, signals(2).get(1));
    }
}
