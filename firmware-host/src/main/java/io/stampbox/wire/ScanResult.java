package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * The backend's optional outcome of a published stamp on {@code {root}/{id}/scan/result} (contract
 * revision 2026-11-30): {@code {"eventId": "...", "stamps": 7, "goal": 10, "reward": "due" | "none",
 * "label": "Free coffee"}}. Read hostile-first by {@link #parse}: size, JSON shape, each field's type,
 * the eventId's UUID form; a bad answer is refused whole with a message naming the field.
 *
 * @param stamps stamps on the card after this one, or null when the backend did not say
 * @param goal stamps a full card needs, or null
 * @param label what the reward is, for logs, or null
 */
@JsonPropertyOrder({"eventId", "stamps", "goal", "reward", "label"})
public record ScanResult(String eventId, Integer stamps, Integer goal, String reward, String label) {

    /** Larger payloads are refused unread: the real answer is well under 300 bytes. */
    public static final int MAX_BYTES = 1024;
    public static final int MAX_LABEL = 80;
    public static final String DUE = "due";
    public static final String NONE = "none";
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public boolean rewardDue() {
        return DUE.equals(reward);
    }

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    /** @throws IllegalArgumentException naming the field and what is wrong with it */
    public static ScanResult parse(byte[] payload) {
        if (payload.length > MAX_BYTES) {
            throw new IllegalArgumentException("payload: at most " + MAX_BYTES + " bytes, got " + payload.length);
        }
        JsonNode root = WireJson.tree(payload);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("payload: must be a JSON object");
        }
        JsonNode id = root.get("eventId");
        if (id == null || !id.isTextual() || !UUID.matcher(id.textValue()).matches()) {
            throw new IllegalArgumentException("eventId: must be a lower-case UUID string, got " + brief(id));
        }
        JsonNode reward = root.get("reward");
        if (reward == null || !reward.isTextual() || !(DUE.equals(reward.textValue()) || NONE.equals(reward.textValue()))) {
            throw new IllegalArgumentException("reward: must be \"due\" or \"none\", got " + brief(reward));
        }
        JsonNode label = root.get("label");
        if (label != null && !label.isNull() && (!label.isTextual() || label.textValue().length() > MAX_LABEL)) {
            throw new IllegalArgumentException("label: must be a string of at most " + MAX_LABEL + " characters");
        }
        return new ScanResult(id.textValue(), count(root, "stamps"), count(root, "goal"), reward.textValue(),
                label == null || label.isNull() ? null : label.textValue());
    }

    private static Integer count(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new IllegalArgumentException(field + ": must be a whole number >= 0, got " + brief(node));
        }
        return node.intValue();
    }

    private static String brief(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
