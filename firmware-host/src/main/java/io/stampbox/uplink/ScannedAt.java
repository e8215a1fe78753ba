package io.stampbox.uplink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads the top-level {@code scannedAt} of a stored scan event without parsing the rest. */
final class ScannedAt {

    private static final JsonFactory JSON = new JsonFactory();

    private ScannedAt() {}

    /** @return null when the payload has no readable {@code scannedAt} */
    static Instant of(byte[] payload) {
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                if ("scannedAt".equals(name) && value == JsonToken.VALUE_STRING) {
                    return Instant.parse(parser.getText());
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }
}
