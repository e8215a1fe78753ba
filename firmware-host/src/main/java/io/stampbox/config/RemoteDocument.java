package io.stampbox.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A desired configuration document (contract section 3.4): {@code {"version": N, ...}} with keys that
 * {@link RemoteKeys} lets a remote document set, or a {@link SignedDocument} envelope around one, which may
 * also set the signed-only keys, must name its {@code scope}, and may carry {@code "reset": true} (the admin's
 * way to lower a scope's version floor, see docs/fleet.md).
 *
 * @param version the document's version, >= 1, at most a year ahead of now in epoch milliseconds
 * @param keys the configuration keys it sets, flattened (without {@code version}, {@code scope}, {@code reset})
 * @param signed true when it came in a verified envelope
 * @param reset true when a signed document asks to replace the scope's version floor
 */
public record RemoteDocument(long version, Map<String, JsonNode> keys, boolean signed, boolean reset) {

    public static final String VERSION = "version";
    public static final String RESET = "reset";
    /** How far ahead of the current time (epoch milliseconds) a version may be. */
    public static final long MAX_AHEAD_MS = 366L * 86_400_000;

    /** Stand-ins for the keys a unit's local file always has, to validate a document on its own. */
    private static final Map<String, JsonNode> STAND_IN = Map.of(
            "device.id", TextNode.valueOf("validator"),
            "device.store", TextNode.valueOf("validator"),
            "storage.dir", TextNode.valueOf("/var/lib/stampbox"),
            "codes.cardPattern", TextNode.valueOf(".+"),
            "scanner.port", TextNode.valueOf("/dev/ttyACM0"),
            "staff.buttonPin", IntNode.valueOf(26)); // a unit with a button: staff-confirm is then valid

    public RemoteDocument {
        keys = Map.copyOf(keys);
    }

    public RemoteDocument(long version, Map<String, JsonNode> keys) {
        this(version, keys, false, false);
    }

    /** An unsigned document, checked against the current time: what an admin tool checks before publishing. */
    public static RemoteDocument parse(String json) throws ConfigException {
        return read(json, null, null, Instant.now());
    }

    /**
     * Parses a document, opens it when signed, and checks its version and that it sets only the keys its
     * kind may set. The values are checked by {@link ConfigLoader#fromLayers} together with the other layers.
     *
     * @param fleetKey the fleet's public key, or null when the unit has none (signed documents are refused)
     * @param scope {@code "_fleet"} or the unit's id: what a signed document must name; null skips the check
     * @throws ConfigException naming each offending field; {@link #versionOf} may still find the version
     */
    public static RemoteDocument read(String json, PublicKey fleetKey, String scope, Instant now)
            throws ConfigException {
        Map<String, JsonNode> flat = ConfigLoader.flatten(json);
        boolean signed = SignedDocument.isEnvelope(flat);
        if (signed) {
            flat = ConfigLoader.flatten(SignedDocument.open(flat, fleetKey));
        }
        return checked(flat, signed, scope, now);
    }

    /**
     * The inner document an admin is about to sign, checked as the unit will check it once the signature
     * verifies: for the admin tool, which holds the private key but not the unit's public key file.
     */
    public static RemoteDocument toBeSigned(String innerJson, String scope, Instant now) throws ConfigException {
        return checked(ConfigLoader.flatten(innerJson), true, scope, now);
    }

    private static RemoteDocument checked(Map<String, JsonNode> keys, boolean signed, String scope, Instant now)
            throws ConfigException {
        Map<String, JsonNode> flat = new LinkedHashMap<>(keys);
        JsonNode version = flat.remove(VERSION);
        List<String> errors = new ArrayList<>();
        checkVersion(version, now, errors);
        boolean reset = false;
        if (signed) {
            JsonNode named = flat.remove(SignedDocument.SCOPE);
            if (scope != null && (named == null || !scope.equals(named.asText()))) {
                errors.add("scope: this document is signed for " + (named == null ? "no scope"
                        : ConfigFields.quote(named.asText())) + ", not for \"" + scope + "\"");
            }
            JsonNode resetNode = flat.remove(RESET);
            reset = resetNode != null && resetNode.isBoolean() && resetNode.booleanValue();
        }
        for (String key : flat.keySet()) {
            RemoteKeys.Access access = RemoteKeys.access(key);
            if (access == RemoteKeys.Access.LOCAL) {
                errors.add(Printable.escape(key, 80) + ": may only be set in the unit's local file, not remotely");
            } else if (access == RemoteKeys.Access.SIGNED && !signed) {
                errors.add(key + ": may only be set by a document signed with the fleet key (setup.publicKeyFile)");
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new RemoteDocument(version.longValue(), flat, signed, reset);
    }

    private static void checkVersion(JsonNode version, Instant now, List<String> errors) {
        if (version == null || !version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 1) {
            errors.add(VERSION + ": must be an integer >= 1, got "
                    + (version == null ? "nothing" : Printable.escape(version.toString(), 40)));
            return;
        }
        long limit = now.toEpochMilli() + MAX_AHEAD_MS;
        if (version.longValue() > limit) {
            errors.add(VERSION + ": more than a year ahead of the current time in epoch milliseconds (at most "
                    + limit + "), got " + version.longValue());
        }
    }

    /** The version a document claims (inside an envelope too, unverified), or -1 when it has none. */
    public static long versionOf(String json) {
        try {
            Map<String, JsonNode> flat = ConfigLoader.flatten(json);
            JsonNode inner = flat.get(SignedDocument.SIGNED);
            if (inner != null && inner.isTextual()) {
                flat = ConfigLoader.flatten(new String(Base64.getDecoder().decode(inner.textValue()),
                        StandardCharsets.UTF_8));
            }
            JsonNode version = flat.get(VERSION);
            return version != null && version.isIntegralNumber() && version.canConvertToLong()
                    ? version.longValue() : -1;
        } catch (ConfigException | IllegalArgumentException e) {
            return -1;
        }
    }

    /**
     * Validates the document's values on their own, over stand-ins for the keys every local file has:
     * what an admin tool can check before publishing, with the unit's own validator.
     */
    public void validateAlone() throws ConfigException {
        ConfigLoader.fromLayers(STAND_IN, Map.of(), keys, version);
    }
}
