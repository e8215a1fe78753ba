package io.stampbox.counter;

import io.stampbox.health.Metrics;
import io.stampbox.health.Metrics.Tally;
import io.stampbox.signal.Indication;
import io.stampbox.signal.Indicator;
import io.stampbox.wire.Masking;
import io.stampbox.wire.Signal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands vouchers to the {@link Redeemer} and shows its verdict. Called on the "scan-pipeline" thread once
 * the signals of the voucher's batch are shown; the {@code voucher-*} signal comes on the redeemer's
 * thread when it resolves. Voucher signals stay out of the latency figures.
 */
final class VoucherDispatch {

    private static final Logger log = LoggerFactory.getLogger(VoucherDispatch.class);

    private final Redeemer redeemer;
    private final Indicator indicator;
    private final Metrics metrics;

    VoucherDispatch(Redeemer redeemer, Indicator indicator, Metrics metrics) {
        this.redeemer = redeemer;
        this.indicator = indicator;
        this.metrics = metrics;
    }

    /** Returns at once; a redeemer that throws counts as unverified. */
    void redeem(Redeemer.Request request) {
        CompletionStage<Redeemer.Verdict> verdict;
        try {
            verdict = redeemer.redeem(request);
        } catch (RuntimeException e) {
            log.error("voucher {}: the redeemer failed; signalled unverified", Masking.mask(request.voucherId()), e);
            verdict = CompletableFuture.completedFuture(Redeemer.Verdict.UNVERIFIED);
        }
        verdict.whenComplete((v, failure) -> resolved(request, failure == null ? v : Redeemer.Verdict.UNVERIFIED));
    }

    /** On the redeemer's thread: quick and never throwing. */
    private void resolved(Redeemer.Request request, Redeemer.Verdict verdict) {
        try {
            switch (verdict) {
                case ACCEPTED -> show(Signal.VOUCHER_ACCEPTED, Tally.VOUCHERS_ACCEPTED);
                case REFUSED -> show(Signal.VOUCHER_REFUSED, Tally.VOUCHERS_REFUSED);
                default -> show(Signal.VOUCHER_UNVERIFIED, Tally.VOUCHERS_UNVERIFIED);
            }
        } catch (RuntimeException e) {
            log.error("voucher {}: signalling {} failed", Masking.mask(request.voucherId()), verdict, e);
        }
    }

    private void show(Signal signal, Tally tally) {
        indicator.show(Indication.of(signal));
        metrics.count(tally);
    }
}
