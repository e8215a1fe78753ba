package io.stampbox.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.Base32;
import io.stampbox.config.UnitConfig;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    /** The SHA1 seed of RFC 6238 appendix B. */
    static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private static TotpVerifier verifier(boolean perCard) {
        return new TotpVerifier(new UnitConfig.Totp(new UnitConfig.Secret(RFC_SEED), 30, 8, perCard));
    }

    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"})
    void matchesTheSha1TestVectorsOfRfc6238(long epochSeconds, String expected) {
        assertEquals(expected, Totp.value(RFC_SEED, Totp.step(epochSeconds * 1000, 30), 8));
        long step = verifier(false).matchingStep("any", expected, epochSeconds * 1000);
        assertEquals(Totp.step(epochSeconds * 1000, 30), step);
    }

    @Test
    void toleratesOneStepOfSkewEitherWayButNotTwo() {
        TotpVerifier v = verifier(false);
        long t = 1_111_111_111_000L;
        String value = "14050471";
        assertEquals(Totp.step(t, 30), v.matchingStep("c", value, t + 30_000));
        assertEquals(Totp.step(t, 30), v.matchingStep("c", value, t - 30_000));
        assertEquals(TotpVerifier.NO_MATCH, v.matchingStep("c", value, t + 60_000));
        assertEquals(TotpVerifier.NO_MATCH, v.matchingStep("c", value, t - 60_000));
    }

    @Test
    void wrongOrMalformedValuesMatchNothing() {
        TotpVerifier v = verifier(false);
        long t = 59_000;
        assertEquals(TotpVerifier.NO_MATCH, v.matchingStep("c", "94287083", t));
        assertEquals(TotpVerifier.NO_MATCH, v.matchingStep("c", "9428708", t));
        assertEquals(TotpVerifier.NO_MATCH, v.matchingStep("c", "9428708x", t));
        assertEquals(TotpVerifier.NO_MATCH, v.matchingStep("c", null, t));
        assertFalse(v.wellFormed("１２３４５６７８"));
    }

    @Test
    void perCardKeysAreTheHmacOfTheCardIdAndDifferByCard() {
        long t = 59_000;
        byte[] cardKey = Totp.cardKey(RFC_SEED, "00042");
        String value = Totp.value(cardKey, Totp.step(t, 30), 8);
        TotpVerifier v = verifier(true);
        assertEquals(Totp.step(t, 30), v.matchingStep("00042", value, t));
        assertEquals(TotpVerifier.NO_MATCH, v.matchingStep("00043", value, t));
        assertEquals(TotpVerifier.NO_MATCH, verifier(false).matchingStep("00042", value, t));
    }

    @Test
    void aUsedStepAndEveryEarlierOneAreReplays() {
        UsedSteps used = new UsedSteps();
        Map<String, Long> pending = new HashMap<>();
        assertFalse(used.used("c", 10, pending));
        used.recordAll(Map.of("c", 10L), 10);
        assertTrue(used.used("c", 10, pending));
        assertTrue(used.used("c", 9, pending));
        assertFalse(used.used("c", 11, pending));
        assertFalse(used.used("other", 10, pending));
        pending.put("c", 11L);
        assertTrue(used.used("c", 11, pending));
    }

    @Test
    void base32RoundTripsTheRfcSeed() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.encode(RFC_SEED));
        assertArrayEquals(RFC_SEED, Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq===="));
    }
}
