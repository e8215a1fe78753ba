package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.wire.UpdateOrder;
import io.stampbox.wire.UpdateState;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The update wire (io.stampbox.wire's {@link UpdateOrder} and {@link UpdateState}) as the fleet tool uses it: the
 * command names, orders to and from JSON, and a unit's retained {@code update/state} read hostile-first (the
 * tool is its only reader, and anyone who can write the topic may have left anything there).
 */
final class UpdateWire {

    /** {@code cmd/update} and {@code cmd/update-cancel} (args {@code {}}). */
    static final String COMMAND = "update";
    static final String CANCEL = "update-cancel";
    /** Every state of update-wire.md, in the order an update goes through them. */
    static final List<String> STATES = List.of(UpdateState.PENDING, UpdateState.DOWNLOADING, UpdateState.WAITING_IDLE,
            UpdateState.INSTALLING, UpdateState.VERIFYING, UpdateState.DONE, UpdateState.REVERTED, UpdateState.FAILED,
            UpdateState.REFUSED, UpdateState.CANCELLED);
    /** Larger update/state payloads are refused unread; a real one is well under 1 KiB. */
    static final int MAX_STATE_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private UpdateWire() {}

    /** @throws IllegalArgumentException naming the field and the rule */
    static UpdateOrder order(byte[] json) {
        try {
            return UpdateOrder.parse(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("the order is not JSON");
        }
    }

    /** The order with this rollout id (which the signature does not cover). */
    static UpdateOrder inRollout(UpdateOrder o, String rollout) {
        return new UpdateOrder(o.version(), o.url(), o.sha256(), o.size(), o.signature(), rollout);
    }

    static ObjectNode args(UpdateOrder order) {
        return (ObjectNode) order.toArgs();
    }

    /**
     * A unit's {@code update/state}: at most {@link #MAX_STATE_BYTES}, a JSON object, a known state, a version,
     * an instant, a reason of at most {@link UpdateState#MAX_REASON} characters without control characters.
     *
     * @throws IllegalArgumentException naming the field and what is wrong with it
     */
    static UpdateState state(byte[] payload) {
        if (payload.length > MAX_STATE_BYTES) {
            throw new IllegalArgumentException("payload: at most " + MAX_STATE_BYTES + " bytes, got " + payload.length);
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("payload: must be a JSON object");
        }
        String state = text(root, "state", 16);
        if (state == null || !STATES.contains(state)) {
            throw new IllegalArgumentException("state: must be one of " + STATES + ", got " + brief(root.get("state")));
        }
        try {
            Instant.parse(String.valueOf(text(root, "at", 40)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("at: must be an ISO-8601 instant, got " + brief(root.get("at")));
        }
        for (String field : List.of("version", "from", "running")) {
            String v = text(root, field, UpdateOrder.MAX_VERSION);
            if (v == null ? field.equals("version") : !v.matches("[0-9A-Za-z.+~-]+")) {
                throw new IllegalArgumentException(field + ": must be a version, got " + brief(root.get(field)));
            }
        }
        String rollout = text(root, "rollout", UpdateOrder.MAX_ROLLOUT);
        if (rollout != null && !rollout.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("rollout: must be printable ASCII, got " + brief(root.get("rollout")));
        }
        String reason = text(root, "reason", UpdateState.MAX_REASON);
        if (reason != null && reason.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("reason: must hold no control characters");
        }
        for (String field : List.of("bytes", "of")) {
            JsonNode n = root.get(field);
            if (n != null && !n.isNull() && (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0)) {
                throw new IllegalArgumentException(field + ": must be a whole number >= 0, got " + brief(n));
            }
        }
        try {
            return UpdateState.fromJson(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload: not an update state (" + e.getMessage() + ")");
        }
    }

    /** The text of a field, null when absent or JSON null; refused when not a string of 1..max characters. */
    private static String text(JsonNode root, String field, int max) {
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

    private static String brief(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
