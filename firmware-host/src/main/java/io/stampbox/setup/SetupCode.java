package io.stampbox.setup;

import java.time.Instant;
import java.util.Map;

/**
 * A scanned setup code after verification: either accepted, with the settings it carries, or rejected
 * with the reason (for the log; staff see {@code rejected}).
 */
public record SetupCode(boolean accepted, Map<String, String> settings, Instant expiresAt, String rejection,
        SetupCodes.Binding binding, String nonce) {

    public SetupCode {
        settings = Map.copyOf(settings);
    }

    static SetupCode accepted(Map<String, String> settings, Instant expiresAt, SetupCodes.Binding binding, String nonce) {
        return new SetupCode(true, settings, expiresAt, null, binding, nonce);
    }

    static SetupCode rejected(String why) {
        return new SetupCode(false, Map.of(), null, why, null, null);
    }
}
