package io.stampbox.wire;

/** Masks codes and card ids for logs: never more than the first and last two characters. */
public final class Masking {

    private Masking() {}

    public static String mask(String code) {
        if (code == null) {
            return "null";
        }
        int[] cps = code.codePoints().toArray();
        if (cps.length <= 6) {
            return "…(" + cps.length + ")";
        }
        return new String(cps, 0, 2) + "…" + new String(cps, cps.length - 2, 2);
    }
}
