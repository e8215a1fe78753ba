package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param signals what drives the LEDs and buzzer now: {@code gpio}, {@code console}, {@code none}, or
 *     {@code none: <why>} when GPIO is configured but unusable (the unit retries; issue 12); left out when
 *     unknown
 */
@JsonPropertyOrder({"uptimeSeconds", "outboxDepth", "oldestPendingSeconds", "scannerConnected", "storage",
        "lostSeqs", "counters", "signalLatencyMs", "lastScanAt", "configVersion", "version", "lastStop", "signals",
        "uplink"})
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
        String lastStop,
        @JsonInclude(JsonInclude.Include.NON_NULL) String signals,
        @JsonInclude(JsonInclude.Include.NON_NULL) Uplink uplink) {

    /**
     * What the broker and the backend answer (issue 10).
     *
     * @param protocol {@code 5} or {@code 3.1.1}
     * @param problem why nothing is delivered now ({@code refused: not authorized on <topic>}, a refused
     *     subscription, or the connection's failure), null when all is well
     * @param publishesRefused publishes the broker refused (MQTT 5 reason code >= 128) since start
     * @param subscriptionsRefused filters the broker refused at the last connect (SUBACK >= 128)
     * @param lastDisconnect why the last connection ended (a server DISCONNECT's reason or the network's)
     * @param oversizeDropped inbound messages dropped for being larger than the unit accepts
     * @param window the in-flight window in use (capped by the broker's Receive Maximum)
     * @param brokerAckedThrough the highest seq of the run the broker acknowledged
     * @param backendAckedThrough the highest seq the backend acknowledged on {@code scan/ack}; null unless
     *     {@code uplink.ack} is {@code backend}
     * @param backendAcksIgnored invalid {@code scan/ack} messages ignored
     * @param broker the broker URL the unit is connected to (one of {@code mqtt.urls}), null while it is not
     */
    @JsonPropertyOrder({"protocol", "problem", "publishesRefused", "subscriptionsRefused", "lastDisconnect",
            "oversizeDropped", "window", "brokerAckedThrough", "backendAckedThrough", "backendAcksIgnored", "broker"})
    public record Uplink(
            String protocol,
            String problem,
            Long publishesRefused,
            java.util.List<String> subscriptionsRefused,
            String lastDisconnect,
            Long oversizeDropped,
            Integer window,
            Long brokerAckedThrough,
            Long backendAckedThrough,
            Long backendAcksIgnored,
            String broker) {}

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
