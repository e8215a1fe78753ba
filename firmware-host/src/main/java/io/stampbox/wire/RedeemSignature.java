package io.stampbox.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * The backend's Ed25519 signature of a voucher answer (contract section 3.6). The bytes signed are the
 * UTF-8 encoding of five lines joined by a line feed (0x0A), with no line feed at the end:
 *
 * <pre>
 * stampbox-redeem-v1
 * {requestId}
 * {deviceId}
 * {voucherId}
 * {outcome}
 * </pre>
 *
 * where {@code outcome} is {@code accepted} or {@code refused}, and the other three are the request's
 * values. The signature goes in the answer's {@code "signature"} field, standard base64 (RFC 4648, with
 * padding) of the 64 signature bytes. A value holding a line feed cannot be signed.
 */
public final class RedeemSignature {

    public static final String DOMAIN = "stampbox-redeem-v1";

    private RedeemSignature() {}

    /** The exact bytes signed, or null when a value holds a line feed (or is null). */
    public static byte[] signed(String requestId, String deviceId, String voucherId, RedeemAnswer.Outcome outcome) {
        String[] parts = {DOMAIN, requestId, deviceId, voucherId, outcome == null ? null : outcome.json()};
        for (String part : parts) {
            if (part == null || part.indexOf('\n') >= 0) {
                return null;
            }
        }
        return String.join("\n", parts).getBytes(StandardCharsets.UTF_8);
    }

    /** The base64 signature for the answer's {@code signature} field. */
    public static String sign(PrivateKey key, String requestId, String deviceId, String voucherId,
            RedeemAnswer.Outcome outcome) throws GeneralSecurityException {
        byte[] bytes = signed(requestId, deviceId, voucherId, outcome);
        if (bytes == null) {
            throw new GeneralSecurityException("a value to sign holds a line feed");
        }
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(bytes);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    /** True only for a well-formed signature of these values by this key; never throws. */
    public static boolean verify(PublicKey key, String signature, String requestId, String deviceId,
            String voucherId, RedeemAnswer.Outcome outcome) {
        byte[] bytes = signed(requestId, deviceId, voucherId, outcome);
        if (key == null || signature == null || bytes == null || signature.length() > 200) {
            return false;
        }
        try {
            byte[] sig = Base64.getDecoder().decode(signature);
            if (sig.length != 64) {
                return false;
            }
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(bytes);
            return verifier.verify(sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
