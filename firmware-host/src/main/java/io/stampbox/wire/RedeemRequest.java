package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The voucher redemption request on {@code {root}/{id}/redeem/request} (contract section 3.6), fields in
 * the contract's order: {@code {"requestId", "voucherId", "code", "deviceId", "storeId", "scannedAt"}}.
 */
@JsonPropertyOrder({"requestId", "voucherId", "code", "deviceId", "storeId", "scannedAt"})
public record RedeemRequest(String requestId, String voucherId, String code, String deviceId, String storeId,
        String scannedAt) {

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    /**
     * Reads a request as a backend must: {@code requestId} and {@code voucherId} are strings; the rest may
     * be missing (null).
     *
     * @return null when the payload is not such a request
     */
    public static RedeemRequest parse(byte[] payload) {
        JsonNode node = WireJson.tree(payload);
        if (node == null || !node.isObject() || !node.path("requestId").isTextual()
                || !node.path("voucherId").isTextual()) {
            return null;
        }
        return new RedeemRequest(node.get("requestId").textValue(), node.get("voucherId").textValue(),
                text(node, "code"), text(node, "deviceId"), text(node, "storeId"), text(node, "scannedAt"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.textValue() : null;
    }
}
