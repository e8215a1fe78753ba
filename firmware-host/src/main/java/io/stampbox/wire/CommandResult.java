package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * The answer on {@code {root}/{id}/cmd/result} (contract section 3.5): {@code {"name": "...", "id": "...",
 * "ok": true, "result": {...}}} or {@code "ok": false, "error": "..."}. {@code id} is null when the
 * request had none (a malformed request).
 */
@JsonPropertyOrder({"name", "id", "ok", "result", "error"})
public record CommandResult(
        String name,
        String id,
        Boolean ok,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode result,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

    public static CommandResult done(String name, String id, JsonNode result) {
        return new CommandResult(name, id, true, result, null);
    }

    public static CommandResult failed(String name, String id, String error) {
        return new CommandResult(name, id, false, null, error);
    }

    public boolean succeeded() {
        return Boolean.TRUE.equals(ok);
    }

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    public static CommandResult fromJson(byte[] json) throws IOException {
        return WireJson.read(json, CommandResult.class);
    }
}
