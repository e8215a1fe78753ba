package io.stampbox.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CodesTest {

    @Test
    void masksAllButTheEnds() {
        assertEquals("CA…34", Codes.mask("CARD-000034"));
    }

    @Test
    void shortCodesShowOnlyTheirLength() {
        assertEquals("…(5)", Codes.mask("ABCDE"));
    }
}
