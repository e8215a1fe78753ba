package io.stampbox.voucher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.counter.Redeemer;
import java.io.IOException;

/**
 * The payload on {@code redeem/response}: {@code {"requestId", "outcome": "accepted" | "refused",
 * "reason"}}.
 *
 * @param reason the backend's words, or null
 */
record RedeemAnswer(String requestId, Redeemer.Verdict verdict, String reason) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return null when the payload is not such an answer */
    static RedeemAnswer parse(byte[] payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
        if (node == null || !node.isObject() || !node.path("requestId").isTextual()) {
            return null;
        }
        Redeemer.Verdict verdict = switch (node.path("outcome").asText("")) {
            case "accepted" -> Redeemer.Verdict.ACCEPTED;
            case "refused" -> Redeemer.Verdict.REFUSED;
            default -> null;
        };
        if (verdict == null) {
            return null;
        }
        JsonNode reason = node.path("reason");
        return new RedeemAnswer(node.get("requestId").textValue(), verdict, reason.isTextual() ? reason.textValue() : null);
    }
}
