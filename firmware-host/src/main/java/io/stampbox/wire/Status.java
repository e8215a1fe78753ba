package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.time.Instant;

/**
 * The retained status on {@code {root}/{id}/status} (contract section 3.2): {@code {"online": true,
 * "version": "...", "bootedAt": "...", "configVersion": N}} on connect; offline adds {@code reason}:
 * {@link #STOPPED} for a clean stop, {@link #CONNECTION_LOST} for the last will. {@code storeId} (the unit's
 * {@code device.store}, as in scan events) is an addition of 2026-11-30, so a tool can find a store's units.
 * {@code signals} (issue 12) is what drove the LEDs and buzzer when the status was sent ({@code gpio},
 * {@code console}, {@code none}, {@code none: <why>}); health has the current value. {@code lastUpdate}
 * (issue 13) is the last software update's outcome, absent when the unit was never updated.
 *
 * <p>Boxed fields: a tool reads whatever a unit (of any version) left retained; a missing field is null.
 */
@JsonPropertyOrder({"online", "version", "bootedAt", "configVersion", "storeId", "signals", "reason", "lastUpdate"})
public record Status(
        Boolean online,
        String version,
        String bootedAt,
        Long configVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) String storeId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String signals,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) UpdateState.Last lastUpdate) {

    /** Without {@code lastUpdate} (a unit never updated; issue 13 added it). */
    public Status(Boolean online, String version, String bootedAt, Long configVersion, String storeId, String signals,
            String reason) {
        this(online, version, bootedAt, configVersion, storeId, signals, reason, null);
    }

    /** Without {@code signals} and {@code lastUpdate} (what units before issues 12 and 13 retained). */
    public Status(Boolean online, String version, String bootedAt, Long configVersion, String storeId, String reason) {
        this(online, version, bootedAt, configVersion, storeId, null, reason, null);
    }

    /** This status with the last software update's outcome (null: never updated). */
    public Status withLastUpdate(UpdateState.Last last) {
        return new Status(online, version, bootedAt, configVersion, storeId, signals, reason, last);
    }

    public static final String STOPPED = "stopped";
    public static final String CONNECTION_LOST = "connection-lost";

    public static Status online(String version, Instant bootedAt, long configVersion, String storeId,
            String signals) {
        return new Status(true, version, bootedAt.toString(), configVersion, storeId, signals, null);
    }

    public static Status offline(String version, Instant bootedAt, long configVersion, String storeId,
            String signals, String reason) {
        return new Status(false, version, bootedAt.toString(), configVersion, storeId, signals, reason);
    }

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    public static Status fromJson(byte[] json) throws IOException {
        return WireJson.read(json, Status.class);
    }
}
