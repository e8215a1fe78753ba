package io.stampbox.provision;

/** Codes are never printed whole: {@code AB…34}. */
final class Masked {

    private Masked() {}

    static String code(String code) {
        if (code.length() <= 6) {
            return "…(" + code.length() + " chars)";
        }
        return code.substring(0, 2) + "…" + code.substring(code.length() - 2);
    }
}
