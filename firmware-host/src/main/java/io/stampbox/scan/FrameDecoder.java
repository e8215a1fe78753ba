package io.stampbox.scan;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a {@link Frame} into a code or a rejection: strict UTF-8, an optional AIM symbology identifier
 * stripped and named, no control characters (the GS1 group separator GS, U+001D, excepted), not empty.
 * Stateless and thread-safe. Rejection reasons never quote the code.
 */
public final class FrameDecoder {

    private static final char GROUP_SEPARATOR = '\u001d';

    public DecodeResult decode(Frame frame) {
        if (frame.overlong()) {
            return new DecodeResult.Invalid("frame longer than scanner.maxFrameBytes");
        }
        String text;
        try {
            text = strictUtf8().decode(ByteBuffer.wrap(frame.bytes())).toString();
        } catch (CharacterCodingException e) {
            return new DecodeResult.Invalid("not valid UTF-8");
        }
        return decodeText(text);
    }

    private static DecodeResult decodeText(String text) {
        String symbology = null;
        if (AimIdentifier.startsWithOne(text)) {
            symbology = AimIdentifier.symbology(text);
            text = text.substring(AimIdentifier.LENGTH);
        }
        if (text.isEmpty()) {
            return new DecodeResult.Invalid("empty code");
        }
        int control = indexOfControl(text);
        if (control >= 0) {
            return new DecodeResult.Invalid(String.format(
                    "control character U+%04X at index %d", (int) text.charAt(control), control));
        }
        return new DecodeResult.Decoded(text, symbology);
    }

    private static int indexOfControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != GROUP_SEPARATOR) {
                return i;
            }
        }
        return -1;
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
