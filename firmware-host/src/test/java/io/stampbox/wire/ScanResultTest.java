package io.stampbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScanResultTest {

    private static final String ID = "019a1b2c-3d4e-7f00-8123-456789abcdef";

    private static ScanResult parse(String json) {
        return ScanResult.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refused(String json) {
        return assertThrows(IllegalArgumentException.class, () -> parse(json)).getMessage();
    }

    @Test
    void readsTheContractsExample() {
        ScanResult r = parse("{\"eventId\": \"" + ID + "\", \"stamps\": 10, \"goal\": 10, \"reward\": \"due\", "
                + "\"label\": \"Free coffee\", \"extra\": [1]}");
        assertEquals(new ScanResult(ID, 10, 10, "due", "Free coffee"), r);
        assertTrue(r.rewardDue());
        assertFalse(parse("{\"eventId\": \"" + ID + "\", \"reward\": \"none\"}").rewardDue());
        assertEquals(r, ScanResult.parse(r.toJson()));
    }

    @Test
    void refusesHostileAnswersNamingTheField() {
        assertEquals("payload: must be a JSON object", refused("[1]"));
        assertEquals("payload: must be a JSON object", refused("not json"));
        assertEquals("payload: at most 1024 bytes, got 1099", refused("{\"label\": \"" + "x".repeat(1086) + "\"}"));
        assertEquals("eventId: must be a lower-case UUID string, got nothing", refused("{\"reward\": \"due\"}"));
        assertEquals("eventId: must be a lower-case UUID string, got 42", refused("{\"eventId\": 42, \"reward\": \"due\"}"));
        assertEquals("eventId: must be a lower-case UUID string, got \"../x\"", refused("{\"eventId\": \"../x\", \"reward\": \"due\"}"));
        assertEquals("reward: must be \"due\" or \"none\", got \"yes\"", refused("{\"eventId\": \"" + ID + "\", \"reward\": \"yes\"}"));
        assertEquals("reward: must be \"due\" or \"none\", got true", refused("{\"eventId\": \"" + ID + "\", \"reward\": true}"));
        assertEquals("stamps: must be a whole number >= 0, got -1",
                refused("{\"eventId\": \"" + ID + "\", \"reward\": \"due\", \"stamps\": -1}"));
        assertEquals("goal: must be a whole number >= 0, got \"10\"",
                refused("{\"eventId\": \"" + ID + "\", \"reward\": \"due\", \"goal\": \"10\"}"));
        assertEquals("label: must be a string of at most 80 characters",
                refused("{\"eventId\": \"" + ID + "\", \"reward\": \"due\", \"label\": {}}"));
    }
}
