package io.stampbox.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.wire.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings accepted from setup codes, kept in {@code storage.dir/config/setup.json} (a flat JSON
 * object of dotted keys; /etc is read-only for the service). At boot they lie over the local file's keys
 * and under the remote layers: file, setup, fleet document, unit document.
 */
public final class SetupLayer {

    private static final Logger log = LoggerFactory.getLogger(SetupLayer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The keys to boot with (the file's with the setup layer over them) and their configuration. */
    public record Boot(Map<String, JsonNode> keys, UnitConfig config) {}

    private SetupLayer() {}

    public static Path file(Path storageDir) {
        return storageDir.resolve("config").resolve("setup.json");
    }

    /**
     * Lays the kept setup layer over the local file's keys. A layer that cannot be read or does not
     * validate over the file is logged and left out: the file alone applies.
     *
     * @param local the file's keys alone, already validated as {@code config}
     */
    public static Boot over(Map<String, JsonNode> local, UnitConfig config) {
        Map<String, JsonNode> setup = read(config.storage().dir());
        if (setup.isEmpty()) {
            return new Boot(local, config);
        }
        Map<String, JsonNode> keys = ConfigLoader.merge(local, setup, Map.of());
        try {
            return new Boot(keys, ConfigLoader.fromLayers(keys, Map.of(), Map.of(), 0));
        } catch (ConfigException e) {
            log.error("config: {} does not validate over the local file, left out: {}",
                    file(config.storage().dir()), e.errors());
            return new Boot(local, config);
        }
    }

    /** The kept settings (only keys a setup code may set), or none when there are none or they are unreadable. */
    static Map<String, JsonNode> read(Path storageDir) {
        Path file = file(storageDir);
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            Map<String, JsonNode> keys = new LinkedHashMap<>();
            ConfigLoader.flatten(Files.readString(file, StandardCharsets.UTF_8)).forEach((key, value) -> {
                if (SetupCodes.SETTABLE.contains(key)) {
                    keys.put(key, value);
                } else {
                    log.warn("config: {}: {} cannot be set by a setup code, ignored", file, key);
                }
            });
            return keys;
        } catch (IOException e) {
            log.error("config: cannot read {}, left out: {}", file, e.getMessage());
        } catch (ConfigException e) {
            log.error("config: {} is not valid, left out: {}", file, e.errors());
        }
        return Map.of();
    }

    /** The kept settings with {@code settings} over them: what {@link #write} would keep. */
    static Map<String, JsonNode> with(Path storageDir, Map<String, String> settings) {
        Map<String, JsonNode> keys = new LinkedHashMap<>(read(storageDir));
        settings.forEach((key, value) -> keys.put(key, TextNode.valueOf(value)));
        return keys;
    }

    /** Replaces the kept layer atomically. */
    static void write(Path storageDir, Map<String, JsonNode> keys) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        keys.forEach(root::set);
        AtomicFiles.write(file(storageDir), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
