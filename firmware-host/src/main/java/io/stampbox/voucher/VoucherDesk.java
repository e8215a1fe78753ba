package io.stampbox.voucher;

import io.stampbox.wire.Masking;
import io.stampbox.wire.RedeemAnswer;
import io.stampbox.wire.RedeemRequest;
import io.stampbox.config.Printable;
import io.stampbox.wire.RedeemSignature;
import io.stampbox.wire.Topics;
import io.stampbox.counter.Redeemer;
import io.stampbox.health.Metrics;
import io.stampbox.uplink.Uplink;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redeems vouchers with the backend over MQTT (contract section 3.6): publishes a request on
 * {@code redeem/request} (QoS 1) and waits for the answer with the same {@code requestId} on
 * {@code redeem/response}. No answer in time, no uplink, or a failed publish: UNVERIFIED. Answers that
 * match no waiting request (late, foreign, malformed) are ignored and counted.
 *
 * <p>With the backend's key ({@code codes.redeemPublicKeyFile}), an answer counts only with a valid
 * {@link RedeemSignature} over the waiting request's requestId, deviceId and voucherId and the answer's
 * outcome; an unsigned or wrongly signed one is ignored and counted ({@code redeemAnswersUnsigned}), and
 * the voucher waits on: without a valid answer in time it ends UNVERIFIED.
 *
 * <p>Threads: "voucher-desk" owns the waiting requests. The pipeline, the uplink's dispatcher and
 * Paho's threads only hand work over to it; verdicts complete on it.
 */
public final class VoucherDesk implements Redeemer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VoucherDesk.class);
    private static final int REMEMBER_GIVEN_UP = 256;

    private record Waiting(String voucherId, String deviceId, CompletableFuture<Verdict> verdict,
            ScheduledFuture<?> timeout) {}

    /** How answers are believed: {@link #UNSIGNED} (no key configured) or only when signed by a key. */
    public record AnswerKey(PublicKey key, String problem) {

        /** No key configured: answers need no signature. */
        public static final AnswerKey UNSIGNED = new AnswerKey(null, null);

        /** A key was configured but could not be read: no answer counts (every voucher ends unverified). */
        public static AnswerKey unreadable(String problem) {
            return new AnswerKey(null, problem);
        }

        public static AnswerKey of(PublicKey key) {
            return new AnswerKey(key, null);
        }

        boolean required() {
            return key != null || problem != null;
        }
    }

    private final Uplink uplink;
    private final Metrics metrics;
    private final AnswerKey answerKey;
    private final ScheduledThreadPoolExecutor owner = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "voucher-desk");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Waiting> waiting = new HashMap<>();
    private final Map<String, String> givenUp = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBER_GIVEN_UP;
        }
    };

    public VoucherDesk(Uplink uplink, Metrics metrics) {
        this(uplink, metrics, AnswerKey.UNSIGNED);
    }

    public VoucherDesk(Uplink uplink, Metrics metrics, AnswerKey answerKey) {
        this.uplink = uplink;
        this.metrics = metrics;
        this.answerKey = answerKey;
        owner.setRemoveOnCancelPolicy(true);
        if (answerKey.problem() != null) {
            log.error("vouchers: codes.redeemPublicKeyFile cannot be used ({}); no answer counts, every voucher "
                    + "ends voucher-unverified", answerKey.problem());
        }
    }

    /** Subscribes to the answers; call before the uplink connects (it subscribes again on every connect). */
    public void start() {
        uplink.subscribe(Topics.REDEEM_RESPONSE, (topic, payload) -> onOwner(() -> answered(payload)));
    }

    @Override
    public CompletionStage<Verdict> redeem(Request request) {
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        if (!onOwner(() -> send(request, verdict))) {
            verdict.complete(Verdict.UNVERIFIED);
        }
        return verdict;
    }

    private void send(Request request, CompletableFuture<Verdict> verdict) {
        String requestId = UUID.randomUUID().toString();
        ScheduledFuture<?> timeout = owner.schedule(() -> giveUp(requestId, "no answer within "
                + request.timeoutMs() + " ms"), request.timeoutMs(), TimeUnit.MILLISECONDS);
        waiting.put(requestId, new Waiting(request.voucherId(), request.deviceId(), verdict, timeout));
        CompletableFuture<Void> sent;
        try {
            RedeemRequest wire = new RedeemRequest(requestId, request.voucherId(), request.code(), request.deviceId(),
                    request.storeId(), request.scannedAt());
            // MQTT 5 message expiry: a request nobody read within the wait is stale (the unit gave up)
            sent = uplink.publish(Topics.REDEEM_REQUEST, wire.toJson(), 1, false,
                    java.time.Duration.ofMillis(request.timeoutMs()));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                onOwner(() -> giveUp(requestId, "request not sent (" + failure.getMessage() + ")"));
            }
        });
    }

    private void answered(byte[] payload) {
        RedeemAnswer answer = RedeemAnswer.parse(payload);
        if (answer == null) {
            ignored("a malformed answer (" + payload.length + " bytes)");
            return;
        }
        Verdict verdict = verdict(answer.outcome());
        Waiting w = waiting.get(answer.requestId());
        if (w != null && answerKey.required() && !RedeemSignature.verify(answerKey.key(), answer.signature(),
                answer.requestId(), w.deviceId(), w.voucherId(), answer.outcome())) {
            metrics.count(Metrics.Tally.REDEEM_ANSWERS_UNSIGNED);
            log.warn("{}: ignored an answer for request {} ({}): {}", Topics.REDEEM_RESPONSE, answer.requestId(),
                    answer.outcome().json(), answer.signature() == null ? "unsigned" : "signature does not verify");
            return;
        }
        waiting.remove(answer.requestId());
        if (w == null) {
            String voucherId = givenUp.get(answer.requestId());
            if (voucherId != null && verdict == Verdict.ACCEPTED) {
                log.warn("voucher {}: the backend accepted it after the unit gave up (request {}); staff saw "
                        + "voucher-unverified", Masking.mask(voucherId), Printable.escape(answer.requestId(), 80));
            }
            ignored(voucherId != null ? "a late answer for request " + answer.requestId()
                    : "an answer for no request of this unit (" + printable(answer.requestId()) + ")");
            return;
        }
        w.timeout().cancel(false);
        log.debug("voucher {}: {} ({})", Masking.mask(w.voucherId()), verdict, Printable.escape(answer.reason(), 200));
        w.verdict().complete(verdict);
    }

    private static Verdict verdict(RedeemAnswer.Outcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> Verdict.ACCEPTED;
            case REFUSED -> Verdict.REFUSED;
        };
    }

    private void giveUp(String requestId, String why) {
        Waiting w = waiting.remove(requestId);
        if (w == null) {
            return;
        }
        w.timeout().cancel(false);
        givenUp.put(requestId, w.voucherId());
        log.info("voucher {}: unverified, {} (request {})", Masking.mask(w.voucherId()), why, requestId);
        w.verdict().complete(Verdict.UNVERIFIED);
    }

    private void ignored(String what) {
        metrics.count(Metrics.Tally.REDEEM_ANSWERS_IGNORED);
        log.info("{}: ignored {}", Topics.REDEEM_RESPONSE, Printable.escape(what, 300)); // ids come from MQTT
    }

    /** A remote value for a log line: printable ASCII as is, the rest as \\uXXXX, at most 80 characters. */
    private static String printable(String remote) {
        StringBuilder out = new StringBuilder();
        remote.codePoints().limit(80).forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '\\'
                ? Character.toString(c) : String.format("\\u%04x", c)));
        return remote.length() > 80 ? out + "..." : out.toString();
    }

    private boolean onOwner(Runnable task) {
        try {
            owner.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("voucher desk: task failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /** Every waiting voucher becomes unverified (the unit stops without the backend's word). */
    @Override
    public void close() {
        onOwner(() -> {
            for (String requestId : new ArrayList<>(waiting.keySet())) {
                giveUp(requestId, "the unit is stopping");
            }
        });
        owner.shutdown();
        try {
            owner.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        owner.shutdownNow();
    }
}
