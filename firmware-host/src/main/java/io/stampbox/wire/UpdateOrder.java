package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The arguments of {@code cmd/update} (issue 13): which package to install, where to fetch it, its digest
 * and size, and the fleet's Ed25519 signature over {@link #signedBytes()}. {@link #parse} checks every bound;
 * the signature itself is checked by the unit with the fleet key.
 *
 * @param rollout the rollout this order belongs to, or null
 */
@JsonPropertyOrder({"version", "url", "sha256", "size", "signature", "rollout"})
public record UpdateOrder(String version, String url, String sha256, long size, String signature,
        @JsonInclude(JsonInclude.Include.NON_NULL) String rollout) {

    public static final int MAX_VERSION = 64;
    public static final int MAX_URL = 2048;
    public static final long MAX_SIZE = 200L * 1024 * 1024;
    public static final int MAX_ROLLOUT = 64;
    /** A Debian version as a unit accepts it: no spaces, no colon (epochs are not used), no slashes. */
    public static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z.+~-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ROLLOUT = Pattern.compile("[!-~]{1,64}");

    /** The bytes the fleet signs: {@code "stampbox-update\n" + version + "\n" + sha256 + "\n" + size + "\n"}. */
    public static byte[] signedBytes(String version, String sha256, long size) {
        return ("stampbox-update\n" + version + "\n" + sha256 + "\n" + size + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public byte[] signedBytes() {
        return signedBytes(version, sha256, size);
    }

    /** The signature's bytes; {@link #parse} made sure they decode. */
    public byte[] signatureBytes() {
        return Base64.getDecoder().decode(signature);
    }

    public JsonNode toArgs() {
        return WireJson.MAPPER.valueToTree(this);
    }

    /**
     * Reads the command's {@code args}.
     *
     * @throws IllegalArgumentException whose message names the field and the rule (safe to publish: remote
     *     text is never echoed)
     */
    public static UpdateOrder parse(JsonNode args) {
        if (args == null || !args.isObject()) {
            throw new IllegalArgumentException("args: must be an object");
        }
        String version = text(args, "version", MAX_VERSION);
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version: must be a Debian version of at most " + MAX_VERSION
                    + " characters [0-9A-Za-z.+~-], starting with a digit");
        }
        String url = text(args, "url", MAX_URL);
        String urlProblem = urlProblem(url);
        if (urlProblem != null) {
            throw new IllegalArgumentException("url: " + urlProblem);
        }
        String sha256 = text(args, "sha256", 64);
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256: must be 64 lowercase hex digits");
        }
        JsonNode size = args.get("size");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 1
                || size.longValue() > MAX_SIZE) {
            throw new IllegalArgumentException("size: must be a whole number of bytes from 1 to " + MAX_SIZE);
        }
        String signature = text(args, "signature", 128);
        try {
            if (Base64.getDecoder().decode(signature).length != 64) {
                throw new IllegalArgumentException("signature: must be a base64 Ed25519 signature (64 bytes)");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature: must be a base64 Ed25519 signature (64 bytes)");
        }
        String rollout = null;
        JsonNode r = args.get("rollout");
        if (r != null && !r.isNull()) {
            if (!r.isTextual() || !ROLLOUT.matcher(r.textValue()).matches()) {
                throw new IllegalArgumentException("rollout: must be 1 to " + MAX_ROLLOUT
                        + " printable ASCII characters without spaces");
            }
            rollout = r.textValue();
        }
        return new UpdateOrder(version, url, sha256, size.longValue(), signature, rollout);
    }

    private static String text(JsonNode args, String field, int max) {
        JsonNode node = args.get(field);
        if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
            throw new IllegalArgumentException(field + ": required, a non-empty string");
        }
        if (node.textValue().length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return node.textValue();
    }

    /** Why the URL cannot be fetched, or null: https, a host, printable ASCII, no user info, no fragment. */
    private static String urlProblem(String url) {
        if (!url.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return "must be printable ASCII without spaces";
        }
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme())) {
                return "must be an https URL";
            }
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                return "must be https://host[:port]/path, without user info or fragment";
            }
        } catch (URISyntaxException e) {
            return "not a valid URL";
        }
        return null;
    }
}
