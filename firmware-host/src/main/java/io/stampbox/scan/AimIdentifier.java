package io.stampbox.scan;

import java.util.Map;

/**
 * AIM symbology identifiers (ISO/IEC 15424): {@code ]} + code character + modifier character, sent by
 * the scanner in front of the data when it is set up to do so.
 */
final class AimIdentifier {

    static final int LENGTH = 3;

    private static final Map<Character, String> NAMES = Map.ofEntries(
            Map.entry('A', "code39"),
            Map.entry('C', "code128"),
            Map.entry('d', "datamatrix"),
            Map.entry('E', "ean"),
            Map.entry('e', "databar"),
            Map.entry('F', "codabar"),
            Map.entry('G', "code93"),
            Map.entry('I', "itf"),
            Map.entry('L', "pdf417"),
            Map.entry('Q', "qr"),
            Map.entry('z', "aztec"));

    private AimIdentifier() {}

    /** Whether {@code text} starts with something shaped like an AIM identifier. */
    static boolean startsWithOne(String text) {
        return text.length() >= LENGTH
                && text.charAt(0) == ']'
                && isAsciiLetter(text.charAt(1))
                && isAsciiLetterOrDigit(text.charAt(2));
    }

    /** The symbology name of the identifier at the start of {@code text}; the raw identifier if unnamed. */
    static String symbology(String text) {
        String name = NAMES.get(text.charAt(1));
        return name != null ? name : text.substring(0, LENGTH);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9');
    }
}
