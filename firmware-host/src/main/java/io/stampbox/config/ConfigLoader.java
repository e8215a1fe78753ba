package io.stampbox.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the configuration file (contract section 2) and validates it whole. Keys may be nested
 * ({@code {"scanner": {"baud": 9600}}}) or dotted ({@code {"scanner.baud": 9600}}); both name the
 * field {@code scanner.baud}. Unknown keys are errors, so that typos are caught.
 */
public final class ConfigLoader {

    /** The largest configuration file or remote document read, in characters. */
    public static final int MAX_DOCUMENT_CHARS = 64 * 1024;
    /** The deepest nesting of objects and arrays read. */
    public static final int MAX_DEPTH = 8;
    /** The longest string value read by the parser (each key has its own, smaller bound). */
    public static final int MAX_STRING_CHARS = 8 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_STRING_CHARS)
                            .maxNameLength(256)
                            .maxNumberLength(32)
                            .maxDocumentLength(MAX_DOCUMENT_CHARS)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ConfigLoader() {}

    public static UnitConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of("config: cannot read " + file + ": " + describe(e)));
        }
        return parse(text);
    }

    public static UnitConfig parse(String json) throws ConfigException {
        return UnitConfigSchema.read(flatten(json), 0);
    }

    /** The configuration file's keys, flattened, without validating them (see {@link #fromLayers}). */
    public static Map<String, JsonNode> readFile(Path file) throws ConfigException {
        try {
            return flatten(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(List.of("config: cannot read " + file + ": " + describe(e)));
        }
    }

    /**
     * The effective configuration of contract section 3.4: the local file's keys, overridden by the
     * fleet document's, overridden by the unit document's, validated whole.
     *
     * @param version the applied remote configuration version the result carries
     */
    public static UnitConfig fromLayers(Map<String, JsonNode> file, Map<String, JsonNode> fleet,
            Map<String, JsonNode> unit, long version) throws ConfigException {
        return UnitConfigSchema.read(merge(file, fleet, unit), version);
    }

    /** The layers' keys, each layer overriding the ones before it. */
    public static Map<String, JsonNode> merge(Map<String, JsonNode> file, Map<String, JsonNode> fleet,
            Map<String, JsonNode> unit) {
        Map<String, JsonNode> merged = new LinkedHashMap<>(file);
        over(merged, fleet);
        over(merged, unit);
        return merged;
    }

    /** A layer's keys over the ones below; a layer naming {@code mqtt.url} or {@code mqtt.urls} replaces both. */
    private static void over(Map<String, JsonNode> merged, Map<String, JsonNode> layer) {
        if (layer.containsKey("mqtt.url") || layer.containsKey("mqtt.urls")) {
            merged.remove("mqtt.url");
            merged.remove("mqtt.urls");
        }
        merged.putAll(layer);
    }

    /**
     * Parses a JSON object into dotted keys and their leaf values.
     *
     * @throws ConfigException when the text is not one JSON object, or names a key twice
     */
    public static Map<String, JsonNode> flatten(String json) throws ConfigException {
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw new ConfigException(List.of("config: larger than " + MAX_DOCUMENT_CHARS + " characters ("
                    + json.length() + ")"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(List.of("config: not valid JSON: " + Printable.escape(e.getOriginalMessage(), 200)
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())));
        } catch (RuntimeException e) {
            throw new ConfigException(List.of("config: not valid JSON (" + e.getClass().getSimpleName() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(List.of("config: must be a JSON object"));
        }
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        flattenInto("", root, flat, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return flat;
    }

    private static void flattenInto(
            String prefix, JsonNode node, Map<String, JsonNode> flat, List<String> errors) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            if (field.getValue().isObject()) {
                flattenInto(key + ".", field.getValue(), flat, errors);
            } else if (flat.putIfAbsent(key, field.getValue()) != null) {
                errors.add(key + ": given more than once");
            }
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
