package io.stampbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stampbox.fleet.Layers;
import io.stampbox.wire.UnitSnapshot;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every configuration key some layer sets, with its effective value and the layer it comes from: the unit's
 * own document over the fleet's over the kept setup layer over the local file (contract 3.4). Keys no layer
 * sets have their defaults (firmware-host/docs/configuration.md) and are not listed. Secrets show as
 * {@code "(set)"}.
 */
final class ConfigSources {

    private static final TextNode HIDDEN = TextNode.valueOf("(set)");

    private ConfigSources() {}

    /**
     * @param file the local file's keys
     * @param booted the keys the unit booted with: the file's with the setup layer over them
     */
    static Map<String, UnitSnapshot.Setting> of(Map<String, JsonNode> file, Map<String, JsonNode> booted, Layers remote) {
        Map<String, UnitSnapshot.Setting> out = new TreeMap<>();
        booted.forEach((key, value) -> out.put(key,
                setting(key, value, Objects.equals(file.get(key), value) ? "file" : "setup")));
        remote.fleet().keys().forEach((key, value) -> out.put(key, setting(key, value, "fleet")));
        remote.unit().keys().forEach((key, value) -> out.put(key, setting(key, value, "unit")));
        return out;
    }

    private static UnitSnapshot.Setting setting(String key, JsonNode value, String source) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        boolean secret = last.equals("password") || last.equals("secret");
        return new UnitSnapshot.Setting(secret ? HIDDEN : value, source);
    }
}
