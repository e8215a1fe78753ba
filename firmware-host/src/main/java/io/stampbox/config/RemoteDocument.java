package io.stampbox.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A desired configuration document (contract section 3.4): {@code {"version": N, ...}} with any
 * remotely settable key. {@code device.id}, {@code storage.dir} and the credentials
 * ({@code mqtt.username}, {@code mqtt.password}, {@code mqtt.tls.*}, and the rotating-code secret
 * {@code codes.totp.secret} / {@code codes.totp.secretFile}) and {@code setup.publicKeyFile} belong to the local file only.
 *
 * @param version the document's version, >= 1
 * @param keys the configuration keys it sets, flattened (without {@code version})
 */
public record RemoteDocument(long version, Map<String, JsonNode> keys) {

    public static final String VERSION = "version";

    /** Stand-ins for the keys a unit's local file always has, to validate a document on its own. */
    private static final Map<String, JsonNode> STAND_IN = Map.of(
            "device.id", TextNode.valueOf("validator"),
            "device.store", TextNode.valueOf("validator"),
            "storage.dir", TextNode.valueOf("/var/lib/stampbox"),
            "codes.cardPattern", TextNode.valueOf(".+"),
            "scanner.port", TextNode.valueOf("/dev/ttyACM0"));

    public RemoteDocument {
        keys = Map.copyOf(keys);
    }

    /**
     * Parses a document and checks its version and that it sets only remotely settable keys. The values
     * are checked by {@link ConfigLoader#fromLayers} together with the other layers.
     *
     * @throws ConfigException naming each offending field; {@link #versionOf} may still find the version
     */
    public static RemoteDocument parse(String json) throws ConfigException {
        Map<String, JsonNode> flat = new LinkedHashMap<>(ConfigLoader.flatten(json));
        JsonNode version = flat.remove(VERSION);
        List<String> errors = new ArrayList<>();
        if (version == null || !version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 1) {
            errors.add(VERSION + ": must be an integer >= 1, got " + (version == null ? "nothing" : version));
        }
        for (String key : flat.keySet()) {
            if (localOnly(key)) {
                errors.add(key + ": may only be set in the unit's local file, not remotely");
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new RemoteDocument(version.longValue(), flat);
    }

    /** The version a document claims, or -1 when it has none (e.g. it is not JSON). */
    public static long versionOf(String json) {
        try {
            JsonNode version = ConfigLoader.flatten(json).get(VERSION);
            return version != null && version.canConvertToLong() ? version.longValue() : -1;
        } catch (ConfigException e) {
            return -1;
        }
    }

    static boolean localOnly(String key) {
        return key.equals("device.id") || key.equals("storage.dir") || key.equals("mqtt.username")
                || key.equals("mqtt.password") || key.startsWith("mqtt.tls.")
                || key.equals("codes.totp.secret") || key.equals("codes.totp.secretFile")
                || key.equals("setup.publicKeyFile") || key.equals("codes.redeemPublicKeyFile");
    }

    /**
     * Validates the document's values on their own, over stand-ins for the keys every local file has:
     * what an admin tool can check before publishing, with the unit's own validator.
     */
    public void validateAlone() throws ConfigException {
        ConfigLoader.fromLayers(STAND_IN, Map.of(), keys, version);
    }
}
