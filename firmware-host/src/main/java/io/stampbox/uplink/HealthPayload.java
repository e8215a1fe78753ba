package io.stampbox.uplink;

import io.stampbox.health.LatencyHistogram;
import io.stampbox.health.Metrics;
import io.stampbox.wire.Health;
import io.stampbox.outbox.SeqRange;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the health document of contract section 3.3 ({@link Health}) from {@link HealthSources}. */
final class HealthPayload {

    private HealthPayload() {}

    static Health build(HealthSources s) {
        Instant now = s.clock().instant();
        Instant oldest = s.oldestPendingAt().get();
        Map<String, Long> counters = new LinkedHashMap<>();
        for (Metrics.Tally c : Metrics.Tally.values()) {
            counters.put(c.jsonName(), s.metrics().get(c));
        }
        List<List<Long>> lost = new ArrayList<>();
        for (SeqRange r : s.lostSeqs().get()) {
            lost.add(List.of(r.from(), r.to()));
        }
        LatencyHistogram latency = s.metrics().signalLatency();
        Instant lastScan = s.metrics().lastScanAt();
        return new Health(
                Duration.between(s.startedAt(), now).toSeconds(),
                s.outboxDepth().getAsLong(),
                oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds()),
                s.scannerConnected().getAsBoolean(),
                s.storage().get(),
                lost,
                counters,
                new Health.Latency(round(latency.percentileMillis(50)), round(latency.percentileMillis(99))),
                lastScan == null ? null : lastScan.toString(),
                s.configVersion().getAsLong(),
                s.version(),
                s.lastStop().get(),
                s.signals().get(),
                s.uplink().get());
    }

    static byte[] bytes(HealthSources s) {
        return build(s).toJson();
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
