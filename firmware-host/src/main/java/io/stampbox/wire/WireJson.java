package io.stampbox.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The one JSON mapping of the payload records. Reading ignores fields it does not know (the contract
 * only ever adds fields); writing follows each record's {@code @JsonPropertyOrder}.
 */
final class WireJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private WireJson() {}

    static byte[] bytes(Object payload) {
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(payload.getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }

    /** @throws IOException when the bytes are not JSON of this shape */
    static <T> T read(byte[] json, Class<T> type) throws IOException {
        T value = MAPPER.readValue(json, type);
        if (value == null) {
            throw new IOException("expected a JSON object, got null");
        }
        return value;
    }

    /** The JSON tree, or null when the bytes are not JSON at all. */
    static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
