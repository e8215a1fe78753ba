package io.stampbox.config;

/**
 * Text from outside (a remote document, a command, a broker message) made safe for one log line or
 * report: control characters, line breaks and anything outside printable ASCII are escaped as
 * a backslash, u and four hex digits, and the result is cut to a bound, so a value can neither forge a log line nor fill a disk.
 */
public final class Printable {

    private Printable() {}

    /** The text escaped and cut to at most {@code max} characters of the original (then {@code …}). */
    public static String escape(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        int end = Math.min(text.length(), max);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append(c);
            } else if (c == '\\') {
                out.append("\\\\");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (text.length() > max) {
            out.append("…(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    /** True when every character is printable ASCII (0x21..0x7e, no space). */
    public static boolean isVisibleAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
