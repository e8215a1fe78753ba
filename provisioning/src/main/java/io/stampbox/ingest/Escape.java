package io.stampbox.ingest;

/** Makes remote text safe for one log line: control and non-ASCII characters escaped, length cut. */
final class Escape {

    private Escape() {}

    static String text(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.length() >= max && s.length() > max ? out + "…" : out.toString();
    }
}
