package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * A unit's update progress, retained on {@code {root}/{id}/update/state} ({@link Topics#UPDATE_STATE}):
 * {@code {"version": "1.4.0", "from": "1.3.0", "running": "1.3.0", "state": "downloading", "reason": "...",
 * "rollout": "...", "at": "...", "bytes": n, "of": N}}. Read hostile-first by {@link #fromJson}: a tool shows
 * whatever a unit (or anyone with write access to the topic) left there.
 *
 * @param from the version the unit ran when the update began, or null
 * @param running the version the unit runs now, or null
 * @param reason why (waiting, reverted, failed, refused), at most {@link #MAX_REASON} characters, or null
 * @param rollout the rollout the order came with, or null
 * @param bytes downloaded so far (state {@code downloading}), or null
 * @param of the package's size (state {@code downloading}), or null
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
    /** Every state, in the order an update goes through them. */
    public static final List<String> STATES = List.of(PENDING, DOWNLOADING, WAITING_IDLE, INSTALLING, VERIFYING, DONE,
            REVERTED, FAILED, REFUSED, CANCELLED);
    /** The states after which nothing more happens for this order. */
    public static final Set<String> FINAL = Set.of(DONE, REVERTED, FAILED, REFUSED, CANCELLED);
    /** Larger payloads are refused unread; a real one is well under 1 KiB. */
    public static final int MAX_BYTES = 4096;
    public static final int MAX_REASON = 512;

    public boolean isFinal() {
        return FINAL.contains(state);
    }

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    /** @throws IllegalArgumentException naming the field and what is wrong with it */
    public static UpdateState fromJson(byte[] payload) {
        if (payload.length > MAX_BYTES) {
            throw new IllegalArgumentException("payload: at most " + MAX_BYTES + " bytes, got " + payload.length);
        }
        JsonNode root = WireJson.tree(payload);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("payload: must be a JSON object");
        }
        String state = optional(root, "state", 16);
        if (state == null || !STATES.contains(state)) {
            throw new IllegalArgumentException("state: must be one of " + STATES + ", got " + brief(root.get("state")));
        }
        String at = optional(root, "at", 40);
        try {
            Instant.parse(at == null ? "" : at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("at: must be an ISO-8601 instant, got " + brief(root.get("at")));
        }
        String rollout = optional(root, "rollout", UpdateOrder.MAX_ROLLOUT);
        if (rollout != null && !rollout.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("rollout: must be printable ASCII, got " + brief(root.get("rollout")));
        }
        String reason = optional(root, "reason", MAX_REASON);
        if (reason != null && reason.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("reason: must hold no control characters");
        }
        return new UpdateState(version(root, "version", true), version(root, "from", false),
                version(root, "running", false), state, reason, rollout, at, count(root, "bytes"), count(root, "of"));
    }

    private static String version(JsonNode root, String field, boolean required) {
        String value = optional(root, field, UpdateOrder.MAX_VERSION);
        if (value == null ? required : !UpdateOrder.VERSION.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": must be a version of [0-9A-Za-z.+~-], got "
                    + brief(root.get(field)));
        }
        return value;
    }

    /** The text of a field, null when absent or JSON null; refused when not a string of 1..max characters. */
    private static String optional(JsonNode root, String field, int max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isEmpty() || node.textValue().length() > max) {
            throw new IllegalArgumentException(field + ": must be a string of 1.." + max + " characters, got "
                    + brief(node));
        }
        return node.textValue();
    }

    private static Long count(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new IllegalArgumentException(field + ": must be a whole number >= 0, got " + brief(node));
        }
        return node.longValue();
    }

    private static String brief(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
