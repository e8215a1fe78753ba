package io.stampbox.counter;

import io.stampbox.health.Metrics.Tally;
import io.stampbox.scan.DecodeResult;
import io.stampbox.wire.Signal;

/** What {@link ScanDecision} made of one frame, before anything is recorded or shown. */
sealed interface Decision {

    /** Shown as is, never recorded: rejected, repeat, cooldown. */
    record Signalled(Signal signal, Tally tally) implements Decision {}

    /** A setup code ({@code SBX1.…}): for the setup desk, never an event. */
    record Setup(String code) implements Decision {}

    /** A voucher: handed to the redeemer once its batch is signalled. */
    record Voucher(Redeemer.Request request) implements Decision {}

    /**
     * A stamp to record; {@code accepted} only once committed.
     *
     * @param atMillis when it was scanned (epoch ms): the card's cooldown starts there
     * @param totpStep the rotating code's step to mark used, or {@code TotpVerifier.NO_MATCH}
     */
    record Stamp(String cardId, String code, DecodeResult.Decoded decoded, long atMillis, long totpStep)
            implements Decision {}
}
