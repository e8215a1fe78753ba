package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A command on {@code {root}/{id}/cmd/{name}} (contract section 3.5):
 * {@code {"id": "...", "args": {...}, "expiresAt": "2026-11-30T09:00:00Z"}}.
 *
 * @param id non-empty, at most {@link #MAX_ID_LENGTH} printable ASCII characters; a command runs at most
 *     once per id
 * @param args the command's arguments; an empty object when the request has none
 * @param expiresAt an ISO-8601 instant after which the unit refuses the command; null when the request has none
 */
@JsonPropertyOrder({"id", "args", "expiresAt"})
public record CommandRequest(String id, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode args,
        @JsonInclude(JsonInclude.Include.NON_NULL) String expiresAt) {

    public static final int MAX_ID_LENGTH = 128;
    public static final String MALFORMED_JSON = "malformed request: not valid JSON";
    public static final String MALFORMED_ID = "malformed request: \"id\" (a non-empty string of at most "
            + MAX_ID_LENGTH + " printable ASCII characters) is required";
    public static final String MALFORMED_EXPIRY =
            "malformed request: \"expiresAt\" must be an ISO-8601 instant such as 2026-11-30T09:00:00Z";
    public static final String MALFORMED_ARGS = "malformed request: \"args\" must be an object";

    public static CommandRequest of(String id, ObjectNode args) {
        return new CommandRequest(id, args, null);
    }

    /** This request, refused by the unit after {@code at}. */
    public CommandRequest expiringAt(Instant at) {
        return new CommandRequest(id, args, at.toString());
    }

    /** {@link #expiresAt} as an instant, or null; a request from {@link #parse} always reads. */
    public Instant expiry() {
        return expiresAt == null ? null : Instant.parse(expiresAt);
    }

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    /**
     * Reads a request as the unit does: JSON, with a textual non-empty {@code id}.
     *
     * @throws IOException whose message is the error the unit answers with ({@link #MALFORMED_JSON},
     *     {@link #MALFORMED_ID})
     */
    public static CommandRequest parse(byte[] payload) throws IOException {
        JsonNode request = WireJson.tree(payload);
        if (request == null) {
            throw new IOException(MALFORMED_JSON);
        }
        JsonNode id = request.get("id");
        if (id == null || !id.isTextual() || !printable(id.textValue())) {
            throw new IOException(MALFORMED_ID);
        }
        JsonNode args = request.get("args");
        if (args != null && !args.isObject()) {
            throw new IOException(MALFORMED_ARGS);
        }
        return new CommandRequest(id.textValue(), args == null ? WireJson.MAPPER.createObjectNode() : args,
                expiry(request.get("expiresAt")));
    }

    private static String expiry(JsonNode node) throws IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Instant.parse(node.asText()).toString();
        } catch (DateTimeParseException e) {
            throw new IOException(MALFORMED_EXPIRY);
        }
    }

    /** Non-empty, at most {@link #MAX_ID_LENGTH} characters, each printable ASCII (0x21..0x7e). */
    private static boolean printable(String id) {
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        return id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
