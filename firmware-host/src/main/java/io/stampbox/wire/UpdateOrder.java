package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The arguments of the command {@code {root}/{id}/cmd/update} (docs: update-wire, firmware-host/docs/updates.md):
 * {@code {"version": "1.4.0", "url": "https://...", "sha256": "<64 hex>", "size": N, "signature": "<base64>",
 * "rollout": "..."}}. The signature is the fleet's Ed25519 signature of {@link #signedBytes()}; {@code rollout}
 * is optional and not signed.
 *
 * @param size the package's length in bytes, 1..{@link #MAX_SIZE}
 * @param rollout the rollout this order belongs to, or null
 */
@JsonPropertyOrder({"version", "url", "sha256", "size", "signature", "rollout"})
public record UpdateOrder(String version, String url, String sha256, long size, String signature,
        @JsonInclude(JsonInclude.Include.NON_NULL) String rollout) {

    /** The command's name: {@code cmd/update}. */
    public static final String COMMAND = "update";
    /** Cancels an update that has not reached {@code installing}: {@code cmd/update-cancel}, args {@code {}}. */
    public static final String CANCEL_COMMAND = "update-cancel";
    public static final int MAX_VERSION = 64;
    public static final int MAX_URL = 2048;
    public static final long MAX_SIZE = 200L * 1024 * 1024;
    public static final int MAX_ROLLOUT = 64;
    /** A Debian version string's characters. */
    public static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+~-]{1," + MAX_VERSION + "}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String SIGNED_PREFIX = "stampbox-update\n";

    /** The bytes the fleet key signs: {@code "stampbox-update\n" + version + "\n" + sha256 + "\n" + size + "\n"}. */
    public static byte[] signedBytes(String version, String sha256, long size) {
        return (SIGNED_PREFIX + version + "\n" + sha256 + "\n" + size + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public byte[] signedBytes() {
        return signedBytes(version, sha256, size);
    }

    /** This order for a rollout (the signature does not cover it). */
    public UpdateOrder inRollout(String id) {
        return new UpdateOrder(version, url, sha256, size, signature, id);
    }

    /** The command's {@code args}. */
    public ObjectNode toArgs() {
        return WireJson.MAPPER.valueToTree(this);
    }

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    /** @throws IllegalArgumentException naming the field and what is wrong with it */
    public static UpdateOrder fromJson(byte[] json) {
        JsonNode node = WireJson.tree(json);
        if (node == null) {
            throw new IllegalArgumentException("update order: not valid JSON");
        }
        return fromJson(node);
    }

    /**
     * Reads the command's {@code args} hostile-first: every field's type, length and form.
     *
     * @throws IllegalArgumentException naming the field and what is wrong with it
     */
    public static UpdateOrder fromJson(JsonNode args) {
        if (args == null || !args.isObject()) {
            throw new IllegalArgumentException("update order: must be a JSON object");
        }
        String version = text(args, "version", MAX_VERSION);
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version: must be 1.." + MAX_VERSION + " of [0-9A-Za-z.+~-], got "
                    + brief(args.get("version")));
        }
        String url = text(args, "url", MAX_URL);
        checkUrl(url);
        String sha256 = text(args, "sha256", 64);
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256: must be 64 lower-case hex digits, got " + brief(args.get("sha256")));
        }
        JsonNode size = args.get("size");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 1
                || size.longValue() > MAX_SIZE) {
            throw new IllegalArgumentException("size: must be a whole number of bytes in 1.." + MAX_SIZE + ", got "
                    + brief(size));
        }
        String signature = text(args, "signature", 200);
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 64) {
            throw new IllegalArgumentException("signature: must be the base64 of a 64-byte Ed25519 signature");
        }
        JsonNode rollout = args.get("rollout");
        String id = null;
        if (rollout != null && !rollout.isNull()) {
            id = rollout.isTextual() ? rollout.textValue() : "";
            if (id.isEmpty() || id.length() > MAX_ROLLOUT || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("rollout: must be 1.." + MAX_ROLLOUT
                        + " printable ASCII characters, got " + brief(rollout));
            }
        }
        return new UpdateOrder(version, url, sha256, size.longValue(), signature, id);
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if ("https".equals(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty()) {
                return;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new IllegalArgumentException("url: must be an https:// URL with a host, got \"" + cut(url) + "\"");
    }

    private static String text(JsonNode args, String field, int max) {
        JsonNode node = args.get(field);
        if (node == null || !node.isTextual() || node.textValue().isEmpty() || node.textValue().length() > max) {
            throw new IllegalArgumentException(field + ": must be a string of 1.." + max + " characters, got "
                    + brief(node));
        }
        return node.textValue();
    }

    private static String brief(JsonNode node) {
        return node == null ? "nothing" : cut(node.toString());
    }

    private static String cut(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
