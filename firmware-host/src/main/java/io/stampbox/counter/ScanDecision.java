package io.stampbox.counter;

import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics.Tally;
import io.stampbox.scan.DecodeResult;
import io.stampbox.scan.Frame;
import io.stampbox.scan.FrameDecoder;
import io.stampbox.totp.TotpVerifier;
import io.stampbox.wire.Masking;
import io.stampbox.wire.SetupCodeFormat;
import io.stampbox.wire.Signal;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one frame comes to: decode, setup code, classify, repeat, rotating code, cooldown. Pure: plain
 * values in, a {@link Decision} out, no I/O, no threads, no clock (the frame carries its times). It
 * keeps what it has seen (re-reads, card stamp times, used rotating steps), told by {@link GroupCommit}
 * what was recorded. Owned by the "scan-pipeline" thread.
 */
final class ScanDecision {

    private static final Logger log = LoggerFactory.getLogger(ScanDecision.class);
    private static final DateTimeFormatter MILLIS_UTC = DateTimeFormatter.ISO_INSTANT;

    /** The stamps of a batch not committed yet: a second read in the same batch must see the first. */
    record Pending(Map<String, Long> stamps, Map<String, Long> totpSteps) {

        static Pending empty() {
            return new Pending(new LinkedHashMap<>(), new LinkedHashMap<>());
        }

        void add(Decision.Stamp stamp) {
            stamps.put(stamp.cardId(), stamp.atMillis());
            if (stamp.totpStep() != TotpVerifier.NO_MATCH) {
                totpSteps.put(stamp.cardId(), stamp.totpStep());
            }
        }
    }

    private final FrameDecoder decoder = new FrameDecoder();
    private final RepeatFilter repeats = new RepeatFilter();
    private final RotatingCodes rotating;
    private final Cooldowns cooldowns;

    /** @param cardStamps when each card was last stamped (epoch ms), as kept by the outbox */
    ScanDecision(Map<String, Long> cardStamps) {
        this(cardStamps, System.nanoTime());
    }

    /** @param bootNanos {@link System#nanoTime()} at start, where the unsynchronised-clock grace begins */
    ScanDecision(Map<String, Long> cardStamps, long bootNanos) {
        this.cooldowns = new Cooldowns(cardStamps);
        this.rotating = new RotatingCodes(bootNanos);
    }

    /**
     * @param clockSynced whether the wall clock is known good (rotating codes are checked strictly then)
     * @param pending the batch's stamps so far; a {@link Decision.Stamp} is not added here: the caller does
     */
    Decision decide(Frame frame, UnitConfig cfg, boolean clockSynced, Pending pending) {
        DecodeResult result = decoder.decode(frame);
        if (result instanceof DecodeResult.Invalid invalid) {
            log.debug("frame rejected: {}", invalid.reason());
            return rejected();
        }
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) result;
        String code = decoded.text();
        if (SetupCodeFormat.isSetupCode(code)) {
            return new Decision.Setup(code);
        }
        Classifier.Classification c = Classifier.classify(code, cfg.codes());
        if (c.kind() == Classifier.Kind.UNKNOWN) {
            log.debug("code {} is neither a card nor a voucher", Masking.mask(code));
            return rejected();
        }
        if (repeats.seenAgain(code, frame.receivedNanos(), cfg.codes().repeatWindowMs())) {
            return new Decision.Signalled(Signal.REPEAT, Tally.REPEAT);
        }
        if (c.kind() == Classifier.Kind.VOUCHER) {
            return new Decision.Voucher(new Redeemer.Request(c.id(), code, cfg.device().id(), cfg.device().store(),
                    scannedAt(frame), cfg.codes().redeemTimeoutMs()));
        }
        return card(frame, decoded, c, cfg.codes(), clockSynced, pending);
    }

    private Decision card(Frame frame, DecodeResult.Decoded decoded, Classifier.Classification c,
            UnitConfig.Codes codes, boolean clockSynced, Pending pending) {
        long now = frame.receivedAt().toEpochMilli();
        long step = TotpVerifier.NO_MATCH;
        if (codes.totp() != null) {
            RotatingCodes.Result totp = rotating.check(codes.totp(), c.id(), c.totp(), now, clockSynced,
                    pending.totpSteps(), decoded.text(), frame.receivedNanos());
            if (totp.check() == RotatingCodes.Check.UNSYNCED) {
                repeats.forget(decoded.text());
                log.warn("card {}: rejected: the clock has not been synchronised since boot (over {} min), so its "
                        + "rotating code cannot be checked; check the unit's NTP (timedatectl timesync-status)",
                        Masking.mask(c.id()), RotatingCodes.UNSYNCED_GRACE_NANOS / 60_000_000_000L);
                return rejected();
            }
            if (totp.check() == RotatingCodes.Check.WRONG) {
                repeats.forget(decoded.text()); // a re-read must say rejected again, never "already counted"
                log.debug("card {}: rotating value wrong or out of its window", Masking.mask(c.id()));
                return rejected();
            }
            if (totp.check() == RotatingCodes.Check.REPLAY) {
                return new Decision.Signalled(Signal.REPEAT, Tally.REPEAT);
            }
            if (totp.check() == RotatingCodes.Check.VALID) {
                step = totp.step();
            }
        }
        if (cooldowns.cooling(c.id(), now, codes.cooldownSeconds(), pending.stamps())) {
            return new Decision.Signalled(Signal.COOLDOWN, Tally.COOLDOWN);
        }
        if (codes.totp() != null && step == TotpVerifier.NO_MATCH) {
            rotating.takeUnchecked(decoded.text()); // taken without a check: this code once
        }
        return new Decision.Stamp(c.id(), decoded.text(), decoded, now, step);
    }

    private static Decision rejected() {
        return new Decision.Signalled(Signal.REJECTED, Tally.REJECTED);
    }

    /** The stamps of a batch are recorded: their cooldowns and rotating steps hold from now on. */
    void committed(Pending batch, long nowMillis) {
        cooldowns.recordAll(batch.stamps());
        rotating.recordAll(batch.totpSteps(), nowMillis);
    }

    /** The stamps of a batch could not be recorded: a re-read of their codes counts as new. */
    void notCommitted(Iterable<String> codes) {
        for (String code : codes) {
            repeats.forget(code);
            rotating.forget(code);
        }
    }

    /** {@code scannedAt}: ISO-8601 UTC with milliseconds. */
    static String scannedAt(Frame frame) {
        return MILLIS_UTC.format(frame.receivedAt().truncatedTo(ChronoUnit.MILLIS));
    }
}
