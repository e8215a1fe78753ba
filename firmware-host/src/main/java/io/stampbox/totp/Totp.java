package io.stampbox.totp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 time steps and RFC 4226 HOTP values with HMAC-SHA1. Stateless. */
public final class Totp {

    private static final String HMAC = "HmacSHA1";
    private static final long[] POWERS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L};

    private Totp() {}

    /** The time step of {@code epochMillis}: whole periods since the Unix epoch (T0 = 0). */
    public static long step(long epochMillis, int periodSeconds) {
        return Math.floorDiv(Math.floorDiv(epochMillis, 1000L), periodSeconds);
    }

    /** The value for one step, {@code digits} long with leading zeros. */
    public static String value(byte[] key, long step, int digits) {
        byte[] hash = hmac(key, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0F;
        int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16)
                | ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
        String text = Long.toString(binary % POWERS[digits]);
        return "0".repeat(digits - text.length()) + text;
    }

    /** A card's own key, derived from the program key: HMAC-SHA1(programKey, UTF-8 card id). */
    public static byte[] cardKey(byte[] programKey, String cardId) {
        return hmac(programKey, cardId.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable in this JVM", e);
        }
    }
}
