package io.stampbox.counter;

import io.stampbox.config.UnitConfig;
import io.stampbox.totp.TotpVerifier;
import io.stampbox.totp.UsedSteps;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rotating part of card codes ({@code codes.totp}): checked offline, each (card, step) used once.
 * Owned by the pipeline thread. The verifier follows the configuration as it changes.
 */
final class RotatingCodes {

    private static final Logger log = LoggerFactory.getLogger(RotatingCodes.class);

    enum Check {
        /** The value matches a step within ±1 that this card has not used. */
        VALID,
        /** Missing, malformed, or (with a synchronised clock) matching no step within ±1. */
        WRONG,
        /** The card already used this step or a later one. */
        REPLAY,
        /** Well-formed but not matching while the clock is not synchronised: taken without a check. */
        UNCHECKED
    }

    /** @param step the matched step for VALID, else {@link TotpVerifier#NO_MATCH} */
    record Result(Check check, long step) {}

    private final UsedSteps used = new UsedSteps();
    private UnitConfig.Totp config;
    private TotpVerifier verifier;

    Result check(UnitConfig.Totp totp, String cardId, String value, long nowMillis, boolean clockSynced,
            Map<String, Long> pending) {
        TotpVerifier v = verifier(totp);
        if (!v.wellFormed(value)) {
            return new Result(Check.WRONG, TotpVerifier.NO_MATCH);
        }
        long step = v.matchingStep(cardId, value, nowMillis);
        if (step == TotpVerifier.NO_MATCH) {
            return new Result(clockSynced ? Check.WRONG : Check.UNCHECKED, step);
        }
        return new Result(used.used(cardId, step, pending) ? Check.REPLAY : Check.VALID, step);
    }

    /** Records the steps of committed stamps. */
    void recordAll(Map<String, Long> steps, long nowMillis) {
        if (!steps.isEmpty() && verifier != null) {
            used.recordAll(steps, verifier.stepAt(nowMillis));
        }
    }

    private TotpVerifier verifier(UnitConfig.Totp totp) {
        if (!totp.equals(config)) {
            config = totp;
            verifier = new TotpVerifier(totp);
            log.info("rotating card codes: {}-digit TOTP, {} s steps, {} keys", totp.digits(), totp.periodSeconds(),
                    totp.perCard() ? "per-card" : "program");
        }
        return verifier;
    }
}
