package io.stampbox.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the configuration text for {@code init}: the existing file, the plan's settings over it, validated. */
final class ConfigDocument {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigDocument() {}

    /**
     * @throws ConfigException when the result would not be valid, one message per field
     * @throws IOException when the existing file or the password file cannot be read
     */
    static String build(InitPlan plan) throws ConfigException, IOException {
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        if (!plan.fresh() && Files.exists(plan.config())) {
            flat.putAll(existing(plan));
        }
        for (Map.Entry<String, Object> setting : plan.settings().entrySet()) {
            flat.put(setting.getKey(), node(setting.getValue()));
        }
        String json = JSON.writeValueAsString(nest(flat)) + "\n";
        ConfigLoader.parse(json);
        return json;
    }

    private static Map<String, JsonNode> existing(InitPlan plan) throws IOException, ConfigException {
        String text = Files.readString(plan.config(), StandardCharsets.UTF_8);
        try {
            return ConfigLoader.flatten(text);
        } catch (ConfigException e) {
            throw new ConfigException(List.of("config: the existing " + plan.config() + " cannot be read ("
                    + String.join("; ", e.errors()) + "); run again with --fresh to start over"));
        }
    }

    private static JsonNode node(Object value) throws IOException {
        if (value instanceof InitCommand.SecretFile secret) {
            return NODES.textNode(secret.read());
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        return NODES.textNode(value.toString());
    }

    /** {@code "scanner.baud" -> 9600} into {@code {"scanner": {"baud": 9600}}}. */
    static ObjectNode nest(Map<String, JsonNode> flat) {
        ObjectNode root = NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : flat.entrySet()) {
            String[] parts = entry.getKey().split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = parent.get(parts[i]);
                parent = child instanceof ObjectNode object ? object : parent.putObject(parts[i]);
            }
            parent.set(parts[parts.length - 1], entry.getValue());
        }
        return root;
    }
}
