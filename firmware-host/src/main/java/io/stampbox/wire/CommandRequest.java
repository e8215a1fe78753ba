package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A command on {@code {root}/{id}/cmd/{name}} (contract section 3.5): {@code {"id": "...", "args": {...}}}.
 *
 * @param id non-empty; a command runs at most once per id
 * @param args the command's arguments; an empty object when the request has none
 */
@JsonPropertyOrder({"id", "args"})
public record CommandRequest(String id, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode args) {

    public static final String MALFORMED_JSON = "malformed request: not valid JSON";
    public static final String MALFORMED_ID = "malformed request: \"id\" (a non-empty string) is required";

    public static CommandRequest of(String id, ObjectNode args) {
        return new CommandRequest(id, args);
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
        if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
            throw new IOException(MALFORMED_ID);
        }
        JsonNode args = request.get("args");
        return new CommandRequest(id.textValue(), args == null ? WireJson.MAPPER.createObjectNode() : args);
    }
}
