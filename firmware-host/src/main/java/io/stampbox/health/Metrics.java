package io.stampbox.health;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counters and timings since start, for the health report. Thread-safe; every method is cheap. */
public final class Metrics {

    /** The counters of contract section 3.3, named as they appear in health. */
    public enum Counter {
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
        REDEEM_ANSWERS_IGNORED("redeemAnswersIgnored");

        private final String jsonName;

        Counter(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
    private final LatencyHistogram signalLatency = new LatencyHistogram();
    private final AtomicReference<Instant> lastScanAt = new AtomicReference<>();

    public Metrics() {
        for (Counter c : Counter.values()) {
            counters.put(c, new LongAdder());
        }
    }

    public void count(Counter counter) {
        counters.get(counter).increment();
    }

    public void add(Counter counter, long n) {
        counters.get(counter).add(n);
    }

    public long get(Counter counter) {
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
