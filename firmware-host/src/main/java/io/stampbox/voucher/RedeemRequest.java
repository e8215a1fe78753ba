package io.stampbox.voucher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.counter.Redeemer;

/** The payload on {@code redeem/request} (contract section 3.6), fields in the contract's order. */
record RedeemRequest(String requestId, String voucherId, String code, String deviceId, String storeId,
        String scannedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RedeemRequest of(String requestId, Redeemer.Request r) {
        return new RedeemRequest(requestId, r.voucherId(), r.code(), r.deviceId(), r.storeId(), r.scannedAt());
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("redeem request " + requestId + " cannot be written as JSON", e);
        }
    }
}
