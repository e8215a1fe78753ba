package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The {@code scannedAt} of a stored scan event's payload, or null when it cannot be read. */
final class ScannedAtText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScannedAtText() {}

    static String of(byte[] payload) {
        try {
            JsonNode at = JSON.readTree(payload).get("scannedAt");
            return at == null || !at.isTextual() ? null : at.textValue();
        } catch (IOException e) {
            return null;
        }
    }
}
