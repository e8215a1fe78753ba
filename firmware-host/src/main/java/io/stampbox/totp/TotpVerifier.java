package io.stampbox.totp;

import io.stampbox.config.UnitConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks a card's rotating value offline against the current step and one step either side (a phone
 * and the unit may disagree by a few seconds, and a code shown at the end of its period is read in the
 * next one). Stateless: replays are the caller's business ({@link UsedSteps}).
 */
public final class TotpVerifier {

    /** No step matched. */
    public static final long NO_MATCH = Long.MIN_VALUE;
    private static final int TOLERANCE_STEPS = 1;

    private final byte[] programKey;
    private final int periodSeconds;
    private final int digits;
    private final boolean perCard;

    public TotpVerifier(UnitConfig.Totp config) {
        this.programKey = config.key().bytes();
        this.periodSeconds = config.periodSeconds();
        this.digits = config.digits();
        this.perCard = config.perCard();
    }

    /** Whether {@code value} has the configured number of decimal digits. */
    public boolean wellFormed(String value) {
        return value != null && value.length() == digits && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The step {@code value} was made for, within ±1 of now, or {@link #NO_MATCH}. */
    public long matchingStep(String cardId, String value, long nowMillis) {
        if (!wellFormed(value)) {
            return NO_MATCH;
        }
        byte[] key = perCard ? Totp.cardKey(programKey, cardId) : programKey;
        byte[] given = value.getBytes(StandardCharsets.US_ASCII);
        long now = Totp.step(nowMillis, periodSeconds);
        long found = NO_MATCH;
        for (long step = now - TOLERANCE_STEPS; step <= now + TOLERANCE_STEPS; step++) {
            byte[] expected = Totp.value(key, step, digits).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && found == NO_MATCH) {
                found = step;
            }
        }
        return found;
    }

    /** The step of {@code nowMillis}, for forgetting steps that can no longer match. */
    public long stepAt(long nowMillis) {
        return Totp.step(nowMillis, periodSeconds);
    }
}
