package io.stampbox.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics.Tally;
import io.stampbox.scan.Frame;
import io.stampbox.totp.TotpVerifier;
import io.stampbox.wire.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scan decision with plain values: no thread, no outbox, no indicator. */
class ScanDecisionTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00.123456Z");

    private static UnitConfig config(int cooldownSeconds) throws Exception {
        return ConfigLoader.parse("""
                {"device": {"id": "unit-7", "store": "bakery-3"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "/unused"}, "feedback": {"platform": "none"},
                 "codes": {"cardPattern": "^CARD-(?<card>[0-9]{4})$", "voucherPattern": "^VCH-(?<voucher>[A-Z0-9]+)$",
                           "repeatWindowMs": 2000, "cooldownSeconds": %d}}
                """.formatted(cooldownSeconds));
    }

    private static Frame frame(String text, long atMillis) {
        return new Frame(text.getBytes(StandardCharsets.UTF_8), false, atMillis * 1_000_000L, T0.plusMillis(atMillis));
    }

    private static Decision.Signalled signalled(Signal signal, Tally tally) {
        return new Decision.Signalled(signal, tally);
    }

    @Test
    void aCardIsAStampWithItsIdCodeAndTime() throws Exception {
        ScanDecision decision = new ScanDecision(Map.of());
        Decision d = decision.decide(frame("CARD-1234", 5), config(0), true, ScanDecision.Pending.empty());
        Decision.Stamp stamp = assertInstanceOf(Decision.Stamp.class, d);
        assertEquals("1234", stamp.cardId());
        assertEquals("CARD-1234", stamp.code());
        assertEquals(T0.toEpochMilli() + 5, stamp.atMillis());
        assertEquals(TotpVerifier.NO_MATCH, stamp.totpStep());
    }

    @Test
    void unknownCodesAndBadFramesAreRejectedAndSetupCodesGoToTheDesk() throws Exception {
        ScanDecision decision = new ScanDecision(Map.of());
        UnitConfig cfg = config(0);
        assertEquals(signalled(Signal.REJECTED, Tally.REJECTED),
                decision.decide(frame("HELLO", 0), cfg, true, ScanDecision.Pending.empty()));
        assertEquals(signalled(Signal.REJECTED, Tally.REJECTED), decision.decide(
                new Frame(new byte[0], true, 0, T0), cfg, true, ScanDecision.Pending.empty()));
        assertEquals(new Decision.Setup("SBX1.ABC"),
                decision.decide(frame("SBX1.ABC", 0), cfg, true, ScanDecision.Pending.empty()));
    }

    @Test
    void aVoucherBecomesARedeemRequestWithTheDeviceAndMillisecondTime() throws Exception {
        ScanDecision decision = new ScanDecision(Map.of());
        Decision d = decision.decide(frame("VCH-AB12", 0), config(0), true, ScanDecision.Pending.empty());
        Redeemer.Request request = assertInstanceOf(Decision.Voucher.class, d).request();
        assertEquals(new Redeemer.Request("AB12", "VCH-AB12", "unit-7", "bakery-3", "2026-11-22T12:00:00.123Z",
                request.timeoutMs()), request);
    }

    @Test
    void aReReadWithinTheWindowIsARepeatAndAfterAFailedCommitCountsAsNew() throws Exception {
        ScanDecision decision = new ScanDecision(Map.of());
        UnitConfig cfg = config(0);
        assertInstanceOf(Decision.Stamp.class, decision.decide(frame("CARD-1234", 0), cfg, true,
                ScanDecision.Pending.empty()));
        assertEquals(signalled(Signal.REPEAT, Tally.REPEAT),
                decision.decide(frame("CARD-1234", 1_999), cfg, true, ScanDecision.Pending.empty()));
        decision.notCommitted(java.util.List.of("CARD-1234"));
        assertInstanceOf(Decision.Stamp.class, decision.decide(frame("CARD-1234", 2_500), cfg, true,
                ScanDecision.Pending.empty()));
    }

    @Test
    void cooldownHoldsAgainstPendingAndCommittedStampsAndTheOutboxsKeptTimes() throws Exception {
        UnitConfig cfg = config(60);
        ScanDecision decision = new ScanDecision(Map.of("9999", T0.toEpochMilli()));
        assertEquals(signalled(Signal.COOLDOWN, Tally.COOLDOWN),
                decision.decide(frame("CARD-9999", 59_000), cfg, true, ScanDecision.Pending.empty()),
                "a stamp kept by the outbox before a restart");

        ScanDecision.Pending batch = ScanDecision.Pending.empty();
        Decision.Stamp first = (Decision.Stamp) decision.decide(frame("CARD-1234", 0), cfg, true, batch);
        batch.add(first);
        assertEquals(signalled(Signal.COOLDOWN, Tally.COOLDOWN),
                decision.decide(frame("CARD-1234", 3_000), cfg, true, batch), "same batch, not committed yet");
        assertInstanceOf(Decision.Stamp.class,
                decision.decide(frame("CARD-1234", 6_000), cfg, true, ScanDecision.Pending.empty()),
                "not committed: nothing holds");

        decision.committed(batch, T0.toEpochMilli());
        assertEquals(signalled(Signal.COOLDOWN, Tally.COOLDOWN),
                decision.decide(frame("CARD-1234", 59_999), cfg, true, ScanDecision.Pending.empty()));
        assertInstanceOf(Decision.Stamp.class,
                decision.decide(frame("CARD-1234", 62_500), cfg, true, ScanDecision.Pending.empty()));
    }
}
