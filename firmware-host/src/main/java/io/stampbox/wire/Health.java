package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The retained health document on {@code {root}/{id}/health} (contract section 3.3). Nulls are
 * written as {@code null} ({@code lastScanAt} before the first scan, {@code lastStop} when unknown).
 *
 * <p>Boxed fields: a tool reads whatever a unit (of any version) left retained; a missing field is null.
 *
 * @param storage the outbox's condition: {@code ok}, {@code fault}, {@code recovered} or {@code unavailable}
 * @param lostSeqs the seq ranges {@code [from, to]} the unit lost (a damaged store): never reused, reported
 * @param counters by name ({@code accepted}, {@code repeat}, ..., see {@code health.Metrics.Tally}), in
 *     the daemon's order
 * @param lastStop how the previous run ended: {@code clean}, {@code crash}, {@code watchdog} or {@code unknown}
 */
@JsonPropertyOrder({"uptimeSeconds", "outboxDepth", "oldestPendingSeconds", "scannerConnected", "storage",
        "lostSeqs", "counters", "signalLatencyMs", "lastScanAt", "configVersion", "version", "lastStop"})
public record Health(
        Long uptimeSeconds,
        Long outboxDepth,
        Long oldestPendingSeconds,
        Boolean scannerConnected,
        String storage,
        List<List<Long>> lostSeqs,
        Map<String, Long> counters,
        Latency signalLatencyMs,
        String lastScanAt,
        Long configVersion,
        String version,
        String lastStop) {

    /** Signal latency in milliseconds since start, rounded to 0.01. */
    @JsonPropertyOrder({"p50", "p99"})
    public record Latency(Double p50, Double p99) {}

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    public static Health fromJson(byte[] json) throws IOException {
        return WireJson.read(json, Health.class);
    }
}
