package io.stampbox.setup;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stampbox.testing.SlowTest;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;

/**
 * Fuzzing (Jazzer) of scanned setup codes: any text is verified to a verdict without throwing, and one not
 * signed by the fleet key is never accepted (also when it starts like a real code). Regression mode over
 * {@code src/test/resources/io/stampbox/setup/SetupCodesFuzzTestInputs/}.
 */
@SlowTest
class SetupCodesFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private static final KeyPair FLEET = keys();
    private static final String REAL = real();

    private static KeyPair keys() {
        try {
            return FleetKeys.generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String real() {
        try {
            return SetupCodes.sign(Map.of("device.id", "till-9"), NOW.plusSeconds(600), FLEET.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyScannedTextGetsAVerdict(FuzzedDataProvider data) {
        String text = switch (data.consumeInt(0, 2)) {
            case 0 -> data.consumeRemainingAsString();
            case 1 -> "SBX1." + data.consumeRemainingAsString();
            default -> REAL.substring(0, data.consumeInt(0, REAL.length())) + data.consumeRemainingAsString();
        };
        SetupCode code = SetupCodes.verify(text, FLEET.getPublic(), NOW);
        assertFalse(code.accepted() && !text.equals(REAL) && !text.startsWith(REAL.substring(0, REAL.lastIndexOf('.'))),
                "accepted a code the fleet key never signed: " + text);
    }
}
