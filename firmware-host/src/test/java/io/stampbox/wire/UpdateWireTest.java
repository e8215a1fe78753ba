package io.stampbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The update wire (update-wire.md): the order's fields and signed bytes, the retained state read hostile-first. */
class UpdateWireTest {

    private static final String SHA = "ab".repeat(32);
    private static final String SIGNATURE = Base64.getEncoder().encodeToString(new byte[64]);

    private static String order(String field, String json) {
        String base = "{\"version\": \"1.4.0\", \"url\": \"https://h/p.deb\", \"sha256\": \"" + SHA + "\", \"size\": 10,"
                + " \"signature\": \"" + SIGNATURE + "\", \"rollout\": \"r-1\"}";
        return field == null ? base : base.replaceFirst("\"" + field + "\": (\"[^\"]*\"|\\d+)", "\"" + field + "\": " + json);
    }

    private static String refused(String text) {
        return assertThrows(IllegalArgumentException.class,
                () -> UpdateOrder.fromJson(text.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    @Test
    void anOrderReadsBackAndSignsExactlyTheAgreedBytes() {
        UpdateOrder order = UpdateOrder.fromJson(order(null, null).getBytes(StandardCharsets.UTF_8));
        assertEquals(new UpdateOrder("1.4.0", "https://h/p.deb", SHA, 10, SIGNATURE, "r-1"), order);
        assertArrayEquals(("stampbox-update\n1.4.0\n" + SHA + "\n10\n").getBytes(StandardCharsets.UTF_8), order.signedBytes());
        assertEquals(order, UpdateOrder.fromJson(order.toArgs()));
        assertEquals(order.inRollout(null), UpdateOrder.fromJson(order.inRollout(null).toJson()));
    }

    @Test
    void aBadOrderNamesTheField() {
        assertTrue(refused(order("version", "\"1.4.0;rm -rf\"")).startsWith("version: must be 1..64 of"));
        assertTrue(refused(order("url", "\"http://h/p.deb\"")).startsWith("url: must be an https:// URL"));
        assertTrue(refused(order("url", "\"https:///p.deb\"")).startsWith("url: must be an https:// URL"));
        assertTrue(refused(order("sha256", "\"" + SHA.toUpperCase() + "\"")).startsWith("sha256: must be 64 lower-case"));
        assertTrue(refused(order("size", "0")).startsWith("size: must be a whole number of bytes in 1..209715200"));
        assertTrue(refused(order("size", "209715201")).startsWith("size: must be"));
        assertTrue(refused(order("size", "1.5")).startsWith("size: must be"));
        assertTrue(refused(order("signature", "\"AAAA\"")).startsWith("signature: must be the base64 of a 64-byte"));
        assertTrue(refused(order("rollout", "\"a b\"")).startsWith("rollout: must be 1..64 printable"));
        assertTrue(refused("[1]").startsWith("update order: must be a JSON object"));
        assertTrue(refused("{").startsWith("update order: not valid JSON"));
    }

    private static String stateRefused(String text) {
        return assertThrows(IllegalArgumentException.class,
                () -> UpdateState.fromJson(text.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    @Test
    void aStateReadsHostileFirst() {
        UpdateState s = new UpdateState("1.4.0", "1.3.0", "1.3.0", UpdateState.DOWNLOADING, null, "r-1",
                "2026-11-30T10:00:00Z", 5L, 10L);
        assertEquals(s, UpdateState.fromJson(s.toJson()));
        assertEquals(UpdateState.REVERTED, UpdateState.fromJson(("{\"version\": \"1.4.0\", \"state\": \"reverted\","
                + " \"reason\": \"crash loop\", \"at\": \"2026-11-30T10:00:00Z\", \"extra\": 1}").getBytes()).state());
        assertTrue(UpdateState.fromJson(s.toJson()).isFinal() == false);
        assertTrue(stateRefused("{\"version\": \"1.4.0\", \"state\": \"owned\", \"at\": \"2026-11-30T10:00:00Z\"}")
                .startsWith("state: must be one of [pending, downloading, waiting-idle"));
        assertTrue(stateRefused("{\"version\": \"1.4.0\", \"state\": \"done\"}").startsWith("at: must be an ISO-8601"));
        assertTrue(stateRefused("{\"state\": \"done\", \"at\": \"2026-11-30T10:00:00Z\"}").startsWith("version: must be"));
        assertTrue(stateRefused("{\"version\": \"1.4.0\", \"state\": \"done\", \"at\": \"2026-11-30T10:00:00Z\", \"reason\": \""
                + "x".repeat(513) + "\"}").startsWith("reason: must be a string of 1..512"));
        assertTrue(stateRefused("{\"version\": \"1.4.0\", \"state\": \"done\", \"at\": \"2026-11-30T10:00:00Z\", \"reason\":"
                + " \"a\\u001b[2J\"}").startsWith("reason: must hold no control characters"));
        assertTrue(stateRefused("{\"version\": \"1.4.0\", \"state\": \"downloading\", \"at\": \"2026-11-30T10:00:00Z\","
                + " \"bytes\": -1}").startsWith("bytes: must be a whole number >= 0"));
        assertTrue(stateRefused(" ".repeat(5000)).startsWith("payload: at most 4096 bytes"));
        assertTrue(stateRefused("[[[").startsWith("payload: must be a JSON object"));
    }

    @Test
    void theUnitsUpdateStateTopic() {
        assertEquals("stampbox/v1/till-1/update/state", new Topics("stampbox/v1", "till-1").updateState());
        assertEquals("till-1", Topics.unitOf("stampbox/v1", "stampbox/v1/till-1/update/state", Topics.UPDATE_STATE));
    }
}
