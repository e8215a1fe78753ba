package io.stampbox.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerRotationTest {

    @Test
    void aFailureMovesToTheNextAndOnlyAWholeRoundBacksOff() {
        BrokerRotation r = new BrokerRotation(List.of("a", "b", "c"));
        assertEquals("a", r.current());
        assertFalse(r.failed());
        assertEquals("b", r.current());
        assertFalse(r.failed());
        assertEquals("c", r.current());
        assertTrue(r.failed(), "every broker failed in a row");
        assertEquals("a", r.current());
        assertFalse(r.failed(), "a new round tries every broker again");
    }

    @Test
    void aConnectionStaysOnItsBrokerAndTheRoundStartsThere() {
        BrokerRotation r = new BrokerRotation(List.of("a", "b", "c"));
        r.failed();
        r.connected();
        assertEquals("b", r.current());
        assertFalse(r.failed());
        assertEquals("c", r.current());
        assertFalse(r.failed());
        assertTrue(r.failed());
        assertEquals("b", r.current());
    }

    @Test
    void oneBrokerBacksOffOnEveryFailure() {
        BrokerRotation r = new BrokerRotation(List.of("a"));
        assertTrue(r.failed());
        assertTrue(r.failed());
        assertEquals("a", r.current());
    }
}
