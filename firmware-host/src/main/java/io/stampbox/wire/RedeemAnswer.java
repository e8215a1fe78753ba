package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The backend's answer on {@code {root}/{id}/redeem/response} (contract section 3.6):
 * {@code {"requestId": "...", "outcome": "accepted" | "refused", "reason": "...", "signature": "..."}}.
 *
 * @param reason the backend's words, or null
 * @param signature the backend's {@link RedeemSignature}, or null for an unsigned answer
 */
@JsonPropertyOrder({"requestId", "outcome", "reason", "signature"})
public record RedeemAnswer(String requestId, Outcome outcome, String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) String signature) {

    /** An unsigned answer. */
    public RedeemAnswer(String requestId, Outcome outcome, String reason) {
        this(requestId, outcome, reason, null);
    }

    /** This answer with a signature. */
    public RedeemAnswer signed(String base64) {
        return new RedeemAnswer(requestId, outcome, reason, base64);
    }

    /** The backend's word on a voucher. */
    public enum Outcome {
        ACCEPTED("accepted"),
        REFUSED("refused");

        private final String json;

        Outcome(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }

        /** @return null for any other text */
        public static Outcome of(String text) {
            for (Outcome o : values()) {
                if (o.json.equals(text)) {
                    return o;
                }
            }
            return null;
        }
    }

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    /**
     * Reads an answer as the unit does: {@code requestId} a string, {@code outcome} exactly
     * {@code accepted} or {@code refused}; a {@code reason} that is not a string is dropped.
     *
     * @return null when the payload is not such an answer
     */
    public static RedeemAnswer parse(byte[] payload) {
        JsonNode node = WireJson.tree(payload);
        if (node == null || !node.isObject() || !node.path("requestId").isTextual()) {
            return null;
        }
        Outcome outcome = Outcome.of(node.path("outcome").asText(""));
        if (outcome == null) {
            return null;
        }
        JsonNode reason = node.path("reason");
        JsonNode signature = node.path("signature");
        return new RedeemAnswer(node.get("requestId").textValue(), outcome,
                reason.isTextual() ? reason.textValue() : null, signature.isTextual() ? signature.textValue() : null);
    }
}
