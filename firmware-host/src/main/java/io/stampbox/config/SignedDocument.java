package io.stampbox.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A desired document signed with the fleet's Ed25519 key: the envelope
 * {@code {"signed": "<base64 of the document's UTF-8 bytes>", "signature": "<base64 Ed25519 signature of
 * exactly those bytes>"}}. The inner document is an ordinary desired document that also names its
 * {@code scope} ({@code "_fleet"} or the unit's {@code device.id}), so a document signed for one unit
 * cannot be replayed to another. No canonical JSON is needed: the bytes signed are the bytes read.
 */
public final class SignedDocument {

    public static final String SIGNED = "signed";
    public static final String SIGNATURE = "signature";
    public static final String SCOPE = "scope";

    private SignedDocument() {}

    /** True when the flattened outer document is an envelope. */
    static boolean isEnvelope(Map<String, JsonNode> outer) {
        return outer.containsKey(SIGNED) || outer.containsKey(SIGNATURE);
    }

    /** The inner document's text, once its signature is checked. */
    static String open(Map<String, JsonNode> outer, PublicKey fleetKey) throws ConfigException {
        if (outer.size() != 2 || !outer.containsKey(SIGNED) || !outer.containsKey(SIGNATURE)
                || !outer.get(SIGNED).isTextual() || !outer.get(SIGNATURE).isTextual()) {
            throw new ConfigException(List.of("signature: a signed document is exactly {\"signed\": \"<base64>\","
                    + " \"signature\": \"<base64>\"}"));
        }
        if (fleetKey == null) {
            throw new ConfigException(List.of("signature: this unit has no fleet key (setup.publicKeyFile),"
                    + " signed documents cannot be checked"));
        }
        byte[] body;
        byte[] signature;
        try {
            body = Base64.getDecoder().decode(outer.get(SIGNED).textValue());
            signature = Base64.getDecoder().decode(outer.get(SIGNATURE).textValue());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of("signature: signed and signature must be base64"));
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(fleetKey);
            verifier.update(body);
            if (!verifier.verify(signature)) {
                throw new ConfigException(List.of("signature: does not verify with the fleet key"));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException(List.of("signature: does not verify with the fleet key"));
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Reads the fleet's private key (PKCS#8 PEM, as {@code stampbox-provision setup-key} writes it). */
    public static java.security.PrivateKey privateKey(java.nio.file.Path file)
            throws java.io.IOException, GeneralSecurityException {
        String text = java.nio.file.Files.readString(file, StandardCharsets.US_ASCII);
        int from = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int to = text.indexOf("-----END PRIVATE KEY-----");
        if (from < 0 || to < from) {
            throw new GeneralSecurityException(file + ": not a PEM PRIVATE KEY");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(from + "-----BEGIN PRIVATE KEY-----".length(), to));
        return java.security.KeyFactory.getInstance("Ed25519")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
    }

    /** Wraps a document's bytes in an envelope: for the admin tool and tests. */
    public static String seal(byte[] document, java.security.PrivateKey fleetKey) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(fleetKey);
        signer.update(document);
        return "{\"" + SIGNED + "\": \"" + Base64.getEncoder().encodeToString(document) + "\", \"" + SIGNATURE
                + "\": \"" + Base64.getEncoder().encodeToString(signer.sign()) + "\"}";
    }
}
