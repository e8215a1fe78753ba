package io.stampbox.counter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The port to the backend that redeems reward vouchers (contract section 3.6). The pipeline asks and
 * goes on with other scans; the answer comes back later, on the redeemer's thread.
 */
public interface Redeemer {

    enum Verdict { ACCEPTED, REFUSED, UNVERIFIED }

    /**
     * @param code the full decoded voucher code
     * @param scannedAt ISO-8601 UTC with milliseconds
     * @param timeoutMs how long to wait for the backend's answer
     */
    record Request(String voucherId, String code, String deviceId, String storeId, String scannedAt,
            long timeoutMs) {}

    /**
     * Asks the backend to redeem a voucher. The stage never fails and completes once, within about
     * {@code timeoutMs}: UNVERIFIED whenever the backend's word is missing. Quick, non-blocking work
     * only in what is chained to it.
     */
    CompletionStage<Verdict> redeem(Request request);

    /** No uplink: every voucher is unverified. */
    Redeemer OFFLINE = request -> CompletableFuture.completedFuture(Verdict.UNVERIFIED);
}
