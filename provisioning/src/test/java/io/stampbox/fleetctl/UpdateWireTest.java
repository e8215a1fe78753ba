package io.stampbox.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.wire.UpdateState;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A unit's retained update/state as the fleet tool reads it: hostile-first, every refusal naming the field. */
class UpdateWireTest {

    private static String refused(String text) {
        return assertThrows(IllegalArgumentException.class,
                () -> UpdateWire.state(text.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    @Test
    void aStateTheUnitWritesReadsBack() {
        UpdateState s = new UpdateState("1.4.0", "1.3.0", "1.3.0", UpdateState.DOWNLOADING, null, "r-1",
                "2026-11-30T10:00:00Z", 5L, 10L);
        assertEquals(s, UpdateWire.state(s.toJson()));
        UpdateState reverted = UpdateWire.state(("{\"version\": \"1.4.0\", \"state\": \"reverted\", \"reason\": \"crash"
                + " loop\", \"at\": \"2026-11-30T10:00:00Z\", \"extra\": 1}").getBytes(StandardCharsets.UTF_8));
        assertTrue(reverted.isFinal());
        assertFalse(s.isFinal());
    }

    @Test
    void aHostileStateIsRefusedNamingTheField() {
        String at = ", \"at\": \"2026-11-30T10:00:00Z\"";
        assertTrue(refused("{\"version\": \"1.4.0\", \"state\": \"owned\"" + at + "}")
                .startsWith("state: must be one of [pending, downloading, waiting-idle"));
        assertTrue(refused("{\"version\": \"1.4.0\", \"state\": \"done\"}").startsWith("at: must be an ISO-8601"));
        assertTrue(refused("{\"state\": \"done\"" + at + "}").startsWith("version: must be a version"));
        assertTrue(refused("{\"version\": \"1 4\", \"state\": \"done\"" + at + "}").startsWith("version: must be"));
        assertTrue(refused("{\"version\": \"1.4.0\", \"state\": \"done\"" + at + ", \"reason\": \"" + "x".repeat(513)
                + "\"}").startsWith("reason: must be a string of 1..512"));
        assertTrue(refused("{\"version\": \"1.4.0\", \"state\": \"done\"" + at + ", \"reason\": \"a\\u001b[2J\"}")
                .startsWith("reason: must hold no control characters"));
        assertTrue(refused("{\"version\": \"1.4.0\", \"state\": \"downloading\"" + at + ", \"bytes\": -1}")
                .startsWith("bytes: must be a whole number >= 0"));
        assertTrue(refused("{\"version\": \"1.4.0\", \"state\": \"done\"" + at + ", \"rollout\": \"a b\"}")
                .startsWith("rollout: must be printable ASCII"));
        assertTrue(refused(" ".repeat(5000)).startsWith("payload: at most 4096 bytes"));
        assertTrue(refused("[[[").startsWith("payload: must be a JSON object"));
        assertTrue(refused("not json").startsWith("payload: must be a JSON object"));
    }
}
