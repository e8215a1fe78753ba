package io.stampbox.health;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counters and timings since start, for the health report. Thread-safe; every method is cheap. */
public final class Metrics {

    /** The counters of contract section 3.3, named as they appear in health. */
    public enum Tally {
        ACCEPTED("accepted"),
        REPEAT("repeat"),
        COOLDOWN("cooldown"),
        REJECTED("rejected"),
        FAULT("fault"),
        PUBLISHED("published"),
        VOUCHERS_ACCEPTED("vouchersAccepted"),
        VOUCHERS_REFUSED("vouchersRefused"),
        VOUCHERS_UNVERIFIED("vouchersUnverified"),
        /** Answers on redeem/response that matched no waiting request: late, foreign or malformed. */
        REDEEM_ANSWERS_IGNORED("redeemAnswersIgnored"),
        /** Answers for a waiting request that lacked a valid signature while a redemption key is configured. */
        REDEEM_ANSWERS_UNSIGNED("redeemAnswersUnsigned"),
        /** Stamps voided by staff ({@code void} events recorded, signal {@code undone}). */
        UNDONE("undone"),
        /** Staff presses with nothing to undo. */
        NOTHING_TO_UNDO("nothingToUndo"),
        /** Card scans held for staff confirmation (signal {@code awaiting-staff}). */
        AWAITING_STAFF("awaitingStaff"),
        /** Held scans that ended without a staff press (signal {@code expired}, no event). */
        EXPIRED("expired"),
        /** Rewards signalled at the counter ({@code reward-due}). */
        REWARD_DUE("rewardDue"),
        /** Answers on scan/result saying a reward is due, too late or for an older stamp: counted only. */
        REWARDS_DUE_UNSIGNALLED("rewardsDueUnsignalled"),
        /** Answers on scan/result that were malformed or oversized: ignored. */
        SCAN_RESULTS_IGNORED("scanResultsIgnored");

        private final String jsonName;

        Tally(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    private final Map<Tally, LongAdder> counters = new EnumMap<>(Tally.class);
    private final LatencyHistogram signalLatency = new LatencyHistogram();
    private final AtomicReference<Instant> lastScanAt = new AtomicReference<>();

    public Metrics() {
        for (Tally c : Tally.values()) {
            counters.put(c, new LongAdder());
        }
    }

    public void count(Tally counter) {
        counters.get(counter).increment();
    }

    public void add(Tally counter, long n) {
        counters.get(counter).add(n);
    }

    public long get(Tally counter) {
        return counters.get(counter).sum();
    }

    /** Time from the frame's last byte to its signal. */
    public void signalLatencyNanos(long nanos) {
        signalLatency.record(nanos);
    }

    public LatencyHistogram signalLatency() {
        return signalLatency;
    }

    public void scanned(Instant at) {
        lastScanAt.set(at);
    }

    /** When the last frame was read, or null before the first. */
    public Instant lastScanAt() {
        return lastScanAt.get();
    }
}
