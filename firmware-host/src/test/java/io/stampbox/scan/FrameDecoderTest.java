package io.stampbox.scan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameDecoderTest {

    private final FrameDecoder decoder = new FrameDecoder();

    private static Frame frame(byte[] bytes) {
        return new Frame(bytes, false, 0, Instant.EPOCH);
    }

    private DecodeResult.Decoded decoded(String text) {
        return assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(frame(text.getBytes(UTF_8))));
    }

    private String invalid(byte[] bytes) {
        return assertInstanceOf(DecodeResult.Invalid.class, decoder.decode(frame(bytes))).reason();
    }

    @Test
    void plainTextHasNoSymbology() {
        assertEquals(new DecodeResult.Decoded("CARD-1234", null), decoded("CARD-1234"));
    }

    @Test
    void utf8TextIsDecoded() {
        assertEquals("Käse-€-😀", decoded("Käse-€-😀").text());
    }

    @ParameterizedTest
    @CsvSource({
        "]Q1, qr", "]Q2, qr", "]L2, pdf417", "]z0, aztec", "]C0, code128", "]d2, datamatrix",
        "]E0, ean", "]A0, code39", "]e0, databar", "]I1, itf", "]F0, codabar", "]G0, code93",
        "]X0, ]X0", "]K1, ]K1"
    })
    void aimIdentifierIsStrippedAndNamed(String aim, String symbology) {
        assertEquals(new DecodeResult.Decoded("CARD-1", symbology), decoded(aim + "CARD-1"));
    }

    @Test
    void bracketNotFollowedByAnIdentifierIsText() {
        assertEquals(new DecodeResult.Decoded("]-1abc", null), decoded("]-1abc"));
        assertEquals(new DecodeResult.Decoded("]Q", null), decoded("]Q"));
    }

    @Test
    void onlyTheLeadingIdentifierIsStripped() {
        assertEquals(new DecodeResult.Decoded("]Q1X", "qr"), decoded("]Q1]Q1X"));
    }

    @Test
    void identifierWithoutDataIsRejected() {
        assertEquals("empty code", invalid("]Q1".getBytes(UTF_8)));
    }

    @Test
    void emptyFrameIsRejected() {
        assertEquals("empty code", invalid(new byte[0]));
    }

    @Test
    void invalidUtf8IsRejected() {
        assertEquals("not valid UTF-8", invalid(new byte[] {'A', (byte) 0xC3, 'B'}));
        assertEquals("not valid UTF-8", invalid(new byte[] {(byte) 0xff, (byte) 0xfe}));
        assertEquals("not valid UTF-8", invalid(new byte[] {'A', (byte) 0xC0, (byte) 0x80}));
        assertEquals("not valid UTF-8", invalid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
    }

    @Test
    void truncatedSequenceAtTheEndIsRejected() {
        assertEquals("not valid UTF-8", invalid(new byte[] {'A', (byte) 0xE2, (byte) 0x82}));
    }

    @Test
    void nulIsRejectedWithoutQuotingTheCode() {
        String reason = invalid("SECRET\u0000CODE".getBytes(UTF_8));
        assertEquals("control character U+0000 at index 6", reason);
        assertFalse(reason.contains("SECRET"));
    }

    @Test
    void controlCharactersAreRejectedAfterTheIdentifier() {
        assertEquals("control character U+0009 at index 1", invalid("]Q1A\tB".getBytes(UTF_8)));
        assertEquals("control character U+007F at index 0", invalid("\u007fA".getBytes(UTF_8)));
        assertEquals("control character U+0085 at index 1", invalid("A\u0085".getBytes(UTF_8)));
    }

    @Test
    void gs1GroupSeparatorIsAllowed() {
        assertEquals(new DecodeResult.Decoded("0101234\u001d10ABC", "datamatrix"), decoded("]d20101234\u001d10ABC"));
    }

    @Test
    void overlongFrameIsRejected() {
        DecodeResult result = decoder.decode(new Frame(new byte[0], true, 0, Instant.EPOCH));
        assertEquals(new DecodeResult.Invalid("frame longer than scanner.maxFrameBytes"), result);
    }

    @Test
    void decodedNeverPrintsTheFullCode() {
        DecodeResult.Decoded code = decoded("]Q1AB-SECRET-34");
        assertEquals("AB…34", code.masked());
        assertEquals("Decoded[text=AB…34, symbology=qr]", code.toString());
        assertEquals("…", decoded("SHORT").masked());
    }
}
