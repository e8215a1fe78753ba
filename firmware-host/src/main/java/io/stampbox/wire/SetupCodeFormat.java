package io.stampbox.wire;

/**
 * How a setup code announces itself, shared by the tool that makes codes and the unit that reads them:
 * a scanned code with this prefix is a setup code, never a card or a voucher.
 */
public final class SetupCodeFormat {

    public static final String PREFIX = "SBX1.";

    private SetupCodeFormat() {}

    public static boolean isSetupCode(String text) {
        return text.startsWith(PREFIX);
    }
}
