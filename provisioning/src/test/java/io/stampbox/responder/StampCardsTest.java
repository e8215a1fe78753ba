package io.stampbox.responder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampbox.wire.ScanResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StampCardsTest {

    private final StampCards cards = new StampCards(3, "Free coffee");
    private int ids;

    private ScanResult event(String unit, String kind, String card) {
        String id = "019a0000-0000-7000-8000-%012d".formatted(++ids);
        return cards.count(unit, ("{\"eventId\": \"" + id + "\", \"kind\": \"" + kind + "\", \"cardId\": \"" + card
                + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyThirdStampOfACardIsARewardAndAVoidTakesOneBack() {
        assertEquals("none", event("u1", "stamp", "A").reward());
        assertEquals("none", event("u1", "stamp", "B").reward(), "another card counts alone");
        assertEquals("none", event("u2", "stamp", "A").reward(), "so does another unit's");
        assertEquals(2, event("u1", "stamp", "A").stamps());
        assertNull(event("u1", "void", "A"));
        ScanResult again = event("u1", "stamp", "A");
        assertEquals(2, again.stamps(), "the void took the second stamp back");
        ScanResult third = event("u1", "stamp", "A");
        assertEquals(new ScanResult(third.eventId(), 3, 3, "due", "Free coffee"), third);
        assertEquals(1, event("u1", "stamp", "A").stamps(), "a new card starts");
    }

    @Test
    void aResendIsCountedOnceAndJunkIsIgnored() {
        byte[] stamp = "{\"eventId\": \"e-1\", \"kind\": \"stamp\", \"cardId\": \"A\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, cards.count("u1", stamp).stamps());
        assertNull(cards.count("u1", stamp));
        assertNull(cards.count("u1", "nope".getBytes(StandardCharsets.UTF_8)));
        assertNull(cards.count("u1", "{\"eventId\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> new StampCards(0, "x"));
    }
}
