package io.stampbox.uplink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.health.LatencyHistogram;
import io.stampbox.health.Metrics;
import io.stampbox.outbox.SeqRange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** Builds the health document of contract section 3.3 from {@link HealthSources}. */
final class HealthPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthPayload() {}

    static ObjectNode build(HealthSources s) {
        Instant now = s.clock().instant();
        ObjectNode node = JSON.createObjectNode();
        node.put("uptimeSeconds", Duration.between(s.startedAt(), now).toSeconds());
        node.put("outboxDepth", s.outboxDepth().getAsLong());
        Instant oldest = s.oldestPendingAt().get();
        node.put("oldestPendingSeconds", oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds()));
        node.put("scannerConnected", s.scannerConnected().getAsBoolean());
        node.put("storage", s.storage().get());
        ArrayNode lost = node.putArray("lostSeqs");
        for (SeqRange r : s.lostSeqs().get()) {
            lost.addArray().add(r.from()).add(r.to());
        }
        ObjectNode counters = node.putObject("counters");
        for (Metrics.Counter c : Metrics.Counter.values()) {
            counters.put(c.jsonName(), s.metrics().get(c));
        }
        LatencyHistogram latency = s.metrics().signalLatency();
        ObjectNode percentiles = node.putObject("signalLatencyMs");
        percentiles.put("p50", round(latency.percentileMillis(50)));
        percentiles.put("p99", round(latency.percentileMillis(99)));
        Instant lastScan = s.metrics().lastScanAt();
        node.put("lastScanAt", lastScan == null ? null : lastScan.toString());
        node.put("configVersion", s.configVersion().getAsLong());
        node.put("version", s.version());
        node.put("lastStop", s.lastStop().get());
        return node;
    }

    static byte[] bytes(HealthSources s) {
        try {
            return JSON.writeValueAsBytes(build(s));
        } catch (IOException e) {
            throw new IllegalStateException("health payload: " + e.getMessage(), e);
        }
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
