package io.stampbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void masksAllButTheEnds() {
        assertEquals("CA…34", Masking.mask("CARD-000034"));
    }

    @Test
    void shortCodesShowOnlyTheirLength() {
        assertEquals("…(5)", Masking.mask("ABCDE"));
    }
}
