package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.util.Set;

/**
 * The retained progress of a software update on {@code {root}/{id}/update/state} (issue 13), published by
 * the unit on every change. {@code running} is the version the unit runs now; {@code bytes}/{@code of}
 * only while {@code downloading}; {@code reason} (at most {@link #MAX_REASON} characters, never a secret)
 * says why for {@code waiting-idle}, {@code reverted}, {@code failed}, {@code refused} and {@code cancelled}.
 */
@JsonPropertyOrder({"version", "from", "running", "state", "reason", "rollout", "at", "bytes", "of"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateState(String version, String from, String running, String state, String reason, String rollout,
        String at, Long bytes, Long of) {

    public static final String PENDING = "pending";
    public static final String DOWNLOADING = "downloading";
    public static final String WAITING_IDLE = "waiting-idle";
    public static final String INSTALLING = "installing";
    public static final String VERIFYING = "verifying";
    public static final String DONE = "done";
    public static final String REVERTED = "reverted";
    public static final String FAILED = "failed";
    public static final String REFUSED = "refused";
    public static final String CANCELLED = "cancelled";
    /** States after which the unit does nothing more for this order. */
    public static final Set<String> FINAL = Set.of(DONE, REVERTED, FAILED, REFUSED, CANCELLED);
    public static final int MAX_REASON = 512;

    public UpdateState {
        if (reason != null && reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON - 3) + "...";
        }
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isFinal() {
        return FINAL.contains(state);
    }

    /** {@code lastUpdate} of status and health: version, state, reason, at. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Last last() {
        return new Last(version, state, reason, at);
    }

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    public static UpdateState fromJson(byte[] json) throws IOException {
        return WireJson.read(json, UpdateState.class);
    }

    /** {@code document} (a health JSON object) with {@code "lastUpdate"} added; as is when {@code last} is null. */
    public static byte[] withLast(byte[] document, Last last) {
        if (last == null) {
            return document;
        }
        try {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) WireJson.MAPPER.readTree(document);
            tree.set("lastUpdate", WireJson.MAPPER.valueToTree(last));
            return WireJson.MAPPER.writeValueAsBytes(tree);
        } catch (IOException | ClassCastException e) {
            return document;
        }
    }

    /** The {@code lastUpdate} of a status or health document, or null when it has none or cannot be read. */
    public static Last lastOf(byte[] document) {
        var tree = WireJson.tree(document);
        if (tree == null || !tree.path("lastUpdate").isObject()) {
            return null;
        }
        try {
            return WireJson.MAPPER.treeToValue(tree.get("lastUpdate"), Last.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** The last update's outcome as status and health carry it. */
    @JsonPropertyOrder({"version", "state", "reason", "at"})
    public record Last(String version, String state, @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
            String at) {}
}
