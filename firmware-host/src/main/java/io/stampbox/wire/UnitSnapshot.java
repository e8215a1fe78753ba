package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What a running unit is doing, as it writes it to its state file for {@code stampbox-provision status}
 * (provisioning/docs/provisioning.md "Live view"): identity, version, the effective configuration with the
 * layer each value comes from, scanner, uplink, outbox and the last signals. {@code at} is when the
 * snapshot was taken; {@code pid} lets a reader tell a stale file from a running unit.
 */
@JsonPropertyOrder({"pid", "at", "version", "deviceId", "storeId", "bootedAt", "configVersion", "layers", "config",
    "scanner", "uplink", "outbox", "lastSignals", "counters", "lastScanAt"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnitSnapshot(long pid, String at, String version, String deviceId, String storeId, String bootedAt,
        long configVersion, Map<String, Long> layers, Map<String, Setting> config, Scanner scanner, Uplink uplink,
        Outbox outbox, List<SignalSeen> lastSignals, Map<String, Long> counters, String lastScanAt) {

    /** Where a value comes from, lowest first: the local file, the kept setup layer, the fleet's, the unit's own. */
    public static final List<String> SOURCES = List.of("file", "setup", "fleet", "unit");

    /** One configuration key set by some layer; secrets show as {@code "(set)"}. */
    public record Setting(JsonNode value, String source) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scanner(String type, String port, boolean connected) {}

    /** {@code state}: DISCONNECTED, CONNECTING, CONNECTED, BACKING_OFF, or OFFLINE when no uplink is configured. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Uplink(List<String> urls, String state, String lastError) {}

    /** {@code storage}: ok, fault, recovered or unavailable (as in health). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outbox(Long depth, Long oldestPendingSeq, String oldestPendingAt, String storage) {}

    public record SignalSeen(String signal, String at, long seq) {}

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    public static UnitSnapshot fromJson(byte[] json) throws IOException {
        return WireJson.read(json, UnitSnapshot.class);
    }
}
