package io.stampbox.counter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stampbox.testing.SlowTest;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.scan.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Fuzzing (Jazzer) of scanned card codes with a rotating part, through the scan decision as the pipeline
 * calls it, with the clock synchronised or not and at any time after boot: every frame gets a decision,
 * nothing throws. Regression mode over {@code src/test/resources/io/stampbox/counter/RotatingCodesFuzzTestInputs/}.
 */
@SlowTest
class RotatingCodesFuzzTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final UnitConfig CONFIG = config();

    private static UnitConfig config() {
        try {
            return ConfigLoader.parse("""
                    {"device": {"id": "unit-7", "store": "bakery-3"}, "scanner": {"type": "stdin"},
                     "storage": {"dir": "/unused"}, "feedback": {"platform": "none"},
                     "codes": {"cardPattern": "^CARD-(?<card>[0-9]{4})\\\\.(?<totp>[0-9]+)$", "repeatWindowMs": 2000,
                               "voucherPattern": "^VCH-(?<voucher>[A-Z0-9]+)$",
                               "totp": {"secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "digits": 6, "perCard": true}}}
                    """);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyCardCodeGetsADecision(FuzzedDataProvider data) {
        ScanDecision decision = new ScanDecision(Map.of(), 0);
        while (data.remainingBytes() > 0) {
            long at = data.consumeLong(0, 3_600_000);
            boolean synced = data.consumeBoolean();
            String code = data.consumeBoolean() ? "CARD-" + data.consumeString(16) : data.consumeString(32);
            ScanDecision.Pending pending = ScanDecision.Pending.empty();
            Decision d = decision.decide(new Frame(code.getBytes(StandardCharsets.UTF_8), false, at * 1_000_000L,
                    T0.plusMillis(at)), CONFIG, synced, pending);
            assertTrue(d != null);
            if (d instanceof Decision.Stamp stamp) {
                pending.add(stamp);
                decision.committed(pending, T0.plusMillis(at).toEpochMilli());
            }
        }
    }
}
