package io.stampbox.provision;

/**
 * One line of the checklist.
 *
 * @param fix what to do about a failure; null when it passed
 */
record CheckResult(boolean ok, String title, String detail, String fix) {

    static CheckResult pass(String title, String detail) {
        return new CheckResult(true, title, detail, null);
    }

    static CheckResult fail(String title, String detail, String fix) {
        return new CheckResult(false, title, detail, fix);
    }

    /** {@code ✓ title: detail}, or {@code ✗ title: detail} and the fix on the next line. */
    String render() {
        String line = (ok ? "✓ " : "✗ ") + title + ": " + detail;
        return fix == null ? line : line + System.lineSeparator() + "    fix: " + fix;
    }
}
