package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The scan event published on {@code {root}/{id}/scan} (contract section 3.1).
 *
 * @param symbology the AIM symbology name ({@code "qr"}, ...), or null when the scanner sent none
 * @param scannedAt ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-22T12:00:00.123Z}; for a
 *     {@code void}, when staff pressed
 * @param voids only on a {@code void} event (kind {@link #KIND_VOID}, contract revision 2026-11-30): the
 *     stamp it takes back; absent from a stamp's JSON, so stamps read exactly as before
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
        long configVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) Voids voids) {

    public static final String SCHEMA = "stampbox.scan.v1";
    public static final String KIND_STAMP = "stamp";
    /** Staff's undo of a stamp: {@code cardId} is the voided stamp's card, {@code code} is null. */
    public static final String KIND_VOID = "void";

    /** The stamp a {@code void} event takes back, by its idempotency key and seq. */
    public record Voids(String eventId, long seq) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toJson() {
        try {
            return JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("scan event " + eventId + " cannot be written as JSON", e);
        }
    }

    /**
     * The top-level {@code scannedAt} of a stored event, read without parsing the rest (the drainer asks
     * for it on every health report).
     *
     * @return null when the payload has no {@code scannedAt} string
     */
    public static String scannedAtOf(byte[] payload) {
        try (JsonParser parser = JSON.getFactory().createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("scannedAt".equals(name) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    public static ScanEvent fromJson(byte[] json) throws JsonProcessingException {
        return JSON.readValue(new String(json, StandardCharsets.UTF_8), ScanEvent.class);
    }
}
