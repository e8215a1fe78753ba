package io.stampbox.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics.Tally;
import io.stampbox.scan.Frame;
import io.stampbox.totp.Totp;
import io.stampbox.wire.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rotating codes while the clock is not synchronised (issue 11, item 7): a bounded grace after boot in
 * which a non-matching but well-formed code is taken once, then {@code rejected}.
 */
class RotatingCodesGraceTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final long MINUTE_MS = 60_000;

    private static UnitConfig config() throws Exception {
        return ConfigLoader.parse("""
                {"device": {"id": "unit-7", "store": "bakery-3"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "/unused"}, "feedback": {"platform": "none"},
                 "codes": {"cardPattern": "^CARD-(?<card>[0-9]{4})\\\\.(?<totp>[0-9]+)$", "repeatWindowMs": 2000,
                           "totp": {"secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "digits": 8}}}
                """);
    }

    /** A code of a step far from the unit's (wrong) clock: matches nothing. */
    private static String farCode(String card, int stepsAway) {
        return "CARD-" + card + "." + Totp.value(SEED, Totp.step(T0.toEpochMilli(), 30) + stepsAway, 8);
    }

    private static Frame frame(String text, long atMillis) {
        return new Frame(text.getBytes(StandardCharsets.UTF_8), false, atMillis * 1_000_000L, T0.plusMillis(atMillis));
    }

    private static Decision decide(ScanDecision decision, UnitConfig cfg, String code, long atMillis) {
        ScanDecision.Pending pending = ScanDecision.Pending.empty();
        Decision d = decision.decide(frame(code, atMillis), cfg, false, pending);
        if (d instanceof Decision.Stamp stamp) {
            pending.add(stamp);
            decision.committed(pending, T0.plusMillis(atMillis).toEpochMilli());
        }
        return d;
    }

    @Test
    void withinTheGraceAnUncheckedCodeIsTakenOnceAndAfterItRejected() throws Exception {
        UnitConfig cfg = config();
        ScanDecision decision = new ScanDecision(Map.of(), 0);
        String code = farCode("1234", 40);
        assertInstanceOf(Decision.Stamp.class, decide(decision, cfg, code, 0));
        assertEquals(new Decision.Signalled(Signal.REPEAT, Tally.REPEAT), decide(decision, cfg, code, 5 * MINUTE_MS),
                "the same unchecked code again is a replay, even outside the re-read window");
        assertInstanceOf(Decision.Stamp.class, decide(decision, cfg, farCode("1234", 41), 9 * MINUTE_MS));
        for (String late : List.of(farCode("1234", 42), farCode("5678", 40))) {
            assertEquals(new Decision.Signalled(Signal.REJECTED, Tally.REJECTED), decide(decision, cfg, late, 10 * MINUTE_MS),
                    "past the 10-minute grace: rejected");
        }
    }

    @Test
    void anUncheckedStampThatWasNotRecordedMayBeScannedAgain() throws Exception {
        UnitConfig cfg = config();
        ScanDecision decision = new ScanDecision(Map.of(), 0);
        String code = farCode("1234", 40);
        assertInstanceOf(Decision.Stamp.class, decision.decide(frame(code, 0), cfg, false, ScanDecision.Pending.empty()));
        decision.notCommitted(List.of(code));
        assertInstanceOf(Decision.Stamp.class, decide(decision, cfg, code, 3_000));
    }
}
