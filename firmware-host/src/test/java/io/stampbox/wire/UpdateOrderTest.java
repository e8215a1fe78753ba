package io.stampbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UpdateOrderTest {

    static final String SHA = "a".repeat(64);
    static final String SIG = Base64.getEncoder().encodeToString(new byte[64]);

    static ObjectNode args() {
        return WireJson.MAPPER.createObjectNode().put("version", "1.4.0").put("url", "https://updates.example/s_1.4.0.deb")
                .put("sha256", SHA).put("size", 1000).put("signature", SIG);
    }

    private static String refusal(ObjectNode args) {
        return assertThrows(IllegalArgumentException.class, () -> UpdateOrder.parse(args)).getMessage();
    }

    @Test
    void aGoodOrderReadsAndSignsTheAgreedBytes() {
        UpdateOrder order = UpdateOrder.parse(args().put("rollout", "r-1"));
        assertEquals("r-1", order.rollout());
        assertEquals("stampbox-update\n1.4.0\n" + SHA + "\n1000\n", new String(order.signedBytes(), StandardCharsets.UTF_8));
        assertEquals(order, UpdateOrder.parse(order.toArgs()), "round trip through the command's args");
    }

    @Test
    void boundsAreChecked() {
        assertTrue(refusal(args().put("url", "http://updates.example/x.deb")).startsWith("url: must be an https URL"));
        assertTrue(refusal(args().put("url", "https://user:pw@updates.example/x.deb")).contains("without user info"));
        assertTrue(refusal(args().put("url", "https://" + "a".repeat(2050))).startsWith("url: at most 2048"));
        assertTrue(refusal(args().put("sha256", "A".repeat(64))).startsWith("sha256:"));
        assertTrue(refusal(args().put("sha256", "a".repeat(63))).startsWith("sha256:"));
        assertTrue(refusal(args().put("size", 0)).startsWith("size:"));
        assertTrue(refusal(args().put("size", UpdateOrder.MAX_SIZE + 1)).startsWith("size:"));
        assertTrue(refusal(args().put("size", "1000")).startsWith("size:"));
        assertTrue(refusal(args().put("size", 1.5)).startsWith("size:"));
        assertTrue(refusal(args().put("signature", "not base64!")).startsWith("signature:"));
        assertTrue(refusal(args().put("signature", Base64.getEncoder().encodeToString(new byte[32]))).startsWith("signature:"));
        assertTrue(refusal(args().put("rollout", "has space")).startsWith("rollout:"));
        assertTrue(refusal(args().remove("version") == null ? args() : rm(args(), "version")).startsWith("version: required"));
    }

    private static ObjectNode rm(ObjectNode node, String field) {
        node.remove(field);
        return node;
    }

    @Test
    void hostileStringsAreRefusedWithoutBeingEchoed() {
        for (String version : new String[] {"1.0 ; rm -rf /", "../../etc/passwd", "1.0\nstate=done", "v1.0", "1:2.0",
                "1".repeat(65), "1.0\u202e", ""}) {
            String why = refusal(args().put("version", version));
            assertTrue(why.startsWith("version:"), why);
            assertFalse(why.contains(version.isEmpty() ? "\u0000" : version), "echoed: " + why);
        }
        assertTrue(refusal(args().put("url", "https://updates.example/a b.deb")).contains("printable ASCII"));
        assertTrue(refusal(args().put("url", "https://updates.example/\u0000.deb")).contains("printable ASCII"));
    }

    @Test
    void stateCapsItsReasonAndCarriesLastUpdateIntoDocuments() throws Exception {
        UpdateState state = new UpdateState("1.4.0", "1.3.0", "1.3.0", UpdateState.FAILED, "x".repeat(2000), null,
                "2026-11-30T10:00:00Z", null, null);
        assertEquals(UpdateState.MAX_REASON, state.reason().length());
        byte[] health = UpdateState.withLast("{\"version\":\"1.3.0\"}".getBytes(StandardCharsets.UTF_8), state.last());
        assertEquals(state.last(), UpdateState.lastOf(health));
        assertEquals(null, UpdateState.lastOf("{}".getBytes(StandardCharsets.UTF_8)));
        Status status = Status.online("1.3.0", java.time.Instant.EPOCH, 0, null, null).withLastUpdate(state.last());
        assertEquals(state.last(), Status.fromJson(status.toJson()).lastUpdate());
        assertEquals(state, UpdateState.fromJson(state.toJson()));
    }
}
