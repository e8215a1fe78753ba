package io.stampbox.counter;

import io.stampbox.config.UnitConfig;
import io.stampbox.totp.TotpVerifier;
import io.stampbox.totp.UsedSteps;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rotating part of card codes ({@code codes.totp}): checked offline, each (card, step) used once.
 * Owned by the pipeline thread. The verifier follows the configuration as it changes.
 *
 * <p>While the clock is not synchronised a well-formed value that matches no step may be a good code read
 * by a unit whose clock is wrong: for {@link #UNSYNCED_GRACE} after boot it is taken unchecked, each code
 * once (the codes taken unchecked are remembered, at most {@link #MAX_UNCHECKED}); after that it is
 * {@link Check#UNSYNCED}: rejected, with the reason logged for the installer.
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
        /** Well-formed but not matching while the clock is not synchronised, within the grace: taken once. */
        UNCHECKED,
        /** Well-formed but not matching while the clock is not synchronised, past the grace: rejected. */
        UNSYNCED
    }

    static final long UNSYNCED_GRACE_NANOS = 10 * 60 * 1_000_000_000L;
    static final int MAX_UNCHECKED = 10_000;

    /** @param step the matched step for VALID, else {@link TotpVerifier#NO_MATCH} */
    record Result(Check check, long step) {}

    private final UsedSteps used = new UsedSteps();
    private final Set<String> takenUnchecked = new LinkedHashSet<>();
    private final long bootNanos;
    private UnitConfig.Totp config;
    private TotpVerifier verifier;

    /** @param bootNanos {@link System#nanoTime()} at the unit's start: the grace runs from there */
    RotatingCodes(long bootNanos) {
        this.bootNanos = bootNanos;
    }

    /**
     * @param code the whole scanned code (the key of the unchecked-replay memory)
     * @param nowNanos when the code was read, on the {@code bootNanos} clock
     */
    Result check(UnitConfig.Totp totp, String cardId, String value, long nowMillis, boolean clockSynced,
            Map<String, Long> pending, String code, long nowNanos) {
        TotpVerifier v = verifier(totp);
        if (!v.wellFormed(value)) {
            return new Result(Check.WRONG, TotpVerifier.NO_MATCH);
        }
        long step = v.matchingStep(cardId, value, nowMillis);
        if (step == TotpVerifier.NO_MATCH) {
            if (clockSynced) {
                return new Result(Check.WRONG, step);
            }
            if (nowNanos - bootNanos >= UNSYNCED_GRACE_NANOS) {
                return new Result(Check.UNSYNCED, step);
            }
            return new Result(takenUnchecked.contains(code) ? Check.REPLAY : Check.UNCHECKED, step);
        }
        return new Result(used.used(cardId, step, pending) ? Check.REPLAY : Check.VALID, step);
    }

    /** Remembers a code taken unchecked (its stamp is being recorded); forgotten by {@link #forget}. */
    void takeUnchecked(String code) {
        takenUnchecked.add(code);
        if (takenUnchecked.size() > MAX_UNCHECKED) {
            Iterator<String> oldest = takenUnchecked.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** A stamp that could not be recorded: its code may be taken again. */
    void forget(String code) {
        takenUnchecked.remove(code);
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
