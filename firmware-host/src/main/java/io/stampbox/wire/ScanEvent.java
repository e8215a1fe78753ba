package io.stampbox.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * The scan event published on {@code {root}/{id}/scan} (contract section 3.1).
 *
 * @param symbology the AIM symbology name ({@code "qr"}, ...), or null when the scanner sent none
 * @param scannedAt ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-22T12:00:00.123Z}
 */
public record ScanEvent(
        String schema,
        String eventId,
        String deviceId,
        String storeId,
        long seq,
        String kind,
        String cardId,
        String code,
        String symbology,
        String scannedAt,
        boolean clockSynced,
        long configVersion) {

    public static final String SCHEMA = "stampbox.scan.v1";
    public static final String KIND_STAMP = "stamp";

    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toJson() {
        try {
            return JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("scan event " + eventId + " cannot be written as JSON", e);
        }
    }

    public static ScanEvent fromJson(byte[] json) throws JsonProcessingException {
        return JSON.readValue(new String(json, StandardCharsets.UTF_8), ScanEvent.class);
    }
}
