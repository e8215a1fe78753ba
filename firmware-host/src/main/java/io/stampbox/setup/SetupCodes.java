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
 * {@code {"v":1,"expiresAt":"<instant>","for":{"unit":"till-9"},"nonce":"<base64url>","config":{"device.id":…,
 * "device.store":…,"mqtt.url":…}}} and the signature covers the payload's bytes exactly as sent. Only
 * {@link #SETTABLE} keys may be carried: no credentials, no storage path. {@code for} binds the code to a
 * unit ({@code {"unit": id}} its current device.id, {@code {"serial": s}} its hardware serial, or
 * {@code {"any": true}}); {@code nonce} makes it single-use (the unit remembers it). A code without both, or
 * valid for more than {@link #MAX_VALIDITY} from the unit's now, is rejected.
 */
public final class SetupCodes {

    public static final String PREFIX = SetupCodeFormat.PREFIX;
    public static final Set<String> SETTABLE = Set.of("device.id", "device.store", "mqtt.url", "mqtt.topicRoot");
    /** The longest a code may still be valid, seen from the unit's clock. */
    public static final java.time.Duration MAX_VALIDITY = java.time.Duration.ofDays(7);
    private static final int MAX_TEXT = 4_096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private SetupCodes() {}

    /** Whether a scanned code is meant as a setup code (and must not be taken as a card). */
    public static boolean looksLike(String text) {
        return SetupCodeFormat.isSetupCode(text);
    }

    /** Which unit a code is for. */
    public record Binding(String kind, String value) {

        public static final Binding ANY = new Binding("any", null);

        public static Binding unit(String deviceId) {
            return new Binding("unit", deviceId);
        }

        public static Binding serial(String serial) {
            return new Binding("serial", serial);
        }

        @Override
        public String toString() {
            return value == null ? "any unit" : kind + " " + value;
        }
    }

    /** A code for any unit with a fresh nonce: for tests and demos; the tool always binds explicitly. */
    public static String sign(Map<String, String> settings, Instant expiresAt, PrivateKey fleetKey)
            throws GeneralSecurityException {
        return sign(settings, Binding.ANY, newNonce(), expiresAt, fleetKey);
    }

    public static String newNonce() {
        byte[] nonce = new byte[16];
        new java.security.SecureRandom().nextBytes(nonce);
        return ENCODE.encodeToString(nonce);
    }

    /** The code's text for {@code settings}, for the bound unit, single-use by {@code nonce}, valid until {@code expiresAt}. */
    public static String sign(Map<String, String> settings, Binding binding, String nonce, Instant expiresAt,
            PrivateKey fleetKey) throws GeneralSecurityException {
        for (String key : settings.keySet()) {
            if (!SETTABLE.contains(key)) {
                throw new IllegalArgumentException(key + ": cannot be set by a setup code (allowed: " + SETTABLE + ")");
            }
        }
        ObjectNode payload = JSON.createObjectNode().put("v", 1).put("expiresAt", expiresAt.toString());
        if (binding.value() == null) {
            payload.putObject("for").put("any", true);
        } else {
            payload.putObject("for").put(binding.kind(), binding.value());
        }
        payload.put("nonce", nonce);
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
        if (text.length() > MAX_TEXT) {
            return SetupCode.rejected("longer than " + MAX_TEXT + " characters");
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

    private static Binding binding(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return null;
        }
        if (node.path("any").asBoolean(false)) {
            return Binding.ANY;
        }
        for (String kind : new String[] {"unit", "serial"}) {
            String value = node.path(kind).asText("");
            if (!value.isEmpty() && value.length() <= 128) {
                return new Binding(kind, value);
            }
        }
        return null;
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
            if (expiresAt.isAfter(now.plus(MAX_VALIDITY))) {
                return SetupCode.rejected("valid until " + expiresAt + ", more than the " + MAX_VALIDITY.toDays()
                        + "-day cap from the unit's clock");
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
            Binding binding = binding(root.path("for"));
            String nonce = root.path("nonce").asText("");
            if (binding == null || nonce.length() < 16 || nonce.length() > 64) {
                return SetupCode.rejected("not bound to a unit or without a nonce (made by an older tool?): make a "
                        + "new one with --for-unit, --for-serial or --any-unit");
            }
            return SetupCode.accepted(settings, expiresAt, binding, nonce);
        } catch (IOException | DateTimeException e) {
            return SetupCode.rejected("unknown format");
        }
    }
}
