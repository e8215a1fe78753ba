package io.stampbox.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.wire.SetupCodeFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Setup by scan: a QR code that carries part of a unit's configuration, signed with the fleet's Ed25519
 * key. The text is {@code SBX1.<payload>.<signature>}, both base64url without padding; the payload is
 * {@code {"v":1,"expiresAt":"<instant>","config":{"device.id":…,"device.store":…,"mqtt.url":…}}} and the
 * signature covers the payload's bytes exactly as sent. Only {@link #SETTABLE} keys may be carried: no
 * credentials, no storage path.
 */
public final class SetupCodes {

    public static final String PREFIX = SetupCodeFormat.PREFIX;
    public static final Set<String> SETTABLE = Set.of("device.id", "device.store", "mqtt.url", "mqtt.topicRoot");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private SetupCodes() {}

    /** Whether a scanned code is meant as a setup code (and must not be taken as a card). */
    public static boolean looksLike(String text) {
        return SetupCodeFormat.isSetupCode(text);
    }

    /** The code's text for {@code settings}, valid until {@code expiresAt}. */
    public static String sign(Map<String, String> settings, Instant expiresAt, PrivateKey fleetKey)
            throws GeneralSecurityException {
        for (String key : settings.keySet()) {
            if (!SETTABLE.contains(key)) {
                throw new IllegalArgumentException(key + ": cannot be set by a setup code (allowed: " + SETTABLE + ")");
            }
        }
        ObjectNode payload = JSON.createObjectNode().put("v", 1).put("expiresAt", expiresAt.toString());
        ObjectNode config = payload.putObject("config");
        settings.forEach(config::put);
        byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(fleetKey);
        signer.update(bytes);
        return PREFIX + ENCODE.encodeToString(bytes) + "." + ENCODE.encodeToString(signer.sign());
    }

    /** Checks a scanned code against the fleet's public key at {@code now}. */
    public static SetupCode verify(String text, PublicKey fleetKey, Instant now) {
        if (!looksLike(text)) {
            return SetupCode.rejected("not a setup code");
        }
        String[] parts = text.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2 || parts[1].isEmpty()) {
            return SetupCode.rejected("unsigned");
        }
        byte[] payload;
        try {
            payload = DECODE.decode(parts[0]);
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(fleetKey);
            verifier.update(payload);
            if (!verifier.verify(DECODE.decode(parts[1]))) {
                return SetupCode.rejected("signature does not verify");
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return SetupCode.rejected("signature does not verify");
        }
        return readPayload(payload, now);
    }

    private static SetupCode readPayload(byte[] payload, Instant now) {
        try {
            JsonNode root = JSON.readTree(payload);
            if (root == null || root.path("v").asInt() != 1 || !root.path("config").isObject()) {
                return SetupCode.rejected("unknown format");
            }
            Instant expiresAt = Instant.parse(root.path("expiresAt").asText());
            if (!now.isBefore(expiresAt)) {
                return SetupCode.rejected("expired at " + expiresAt);
            }
            Map<String, String> settings = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = root.path("config").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!SETTABLE.contains(field.getKey()) || !field.getValue().isTextual()) {
                    return SetupCode.rejected(field.getKey() + ": cannot be set by a setup code");
                }
                settings.put(field.getKey(), field.getValue().textValue());
            }
            return SetupCode.accepted(settings, expiresAt);
        } catch (IOException | DateTimeException e) {
            return SetupCode.rejected("unknown format");
        }
    }
}
