package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.wire.ConfigReport;
import io.stampbox.wire.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code config/reported} documents of contract section 3.4, as {@link ConfigReport}s kept as JSON trees. */
final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Reports() {}

    /** {@code {"version": N, "appliedAt": "...", "hash": "...", "layers": {"fleet": F, "unit": U}}} */
    static ObjectNode applied(Layers layers, Instant at, String hash) {
        return new ConfigReport(layers.version(), at.toString(), hash,
                new ConfigReport.Layers(layers.fleet().version(), layers.unit().version()), null).toTree();
    }

    /**
     * The applied report with {@code "rejected": {"version": N, "scope": "...", "errors": [...]}} added.
     *
     * @param rejectedVersion -1 when the document had no readable version (then null in the report)
     */
    static ObjectNode rejected(ObjectNode applied, Scope scope, long rejectedVersion, List<String> errors) {
        try {
            return ConfigReport.fromTree(applied).withRejected(new ConfigReport.Rejected(
                    rejectedVersion < 0 ? null : rejectedVersion, scope.label(), List.copyOf(errors))).toTree();
        } catch (IOException e) {
            throw new IllegalStateException(Topics.CONFIG_REPORTED + ": the applied report does not read back: " + e, e);
        }
    }

    /** The {@code hash} of a kept report, null when it has none or does not read as a report. */
    static String hashOf(JsonNode report) {
        try {
            return report == null ? null : ConfigReport.fromTree(report).hash();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * SHA-256 (hex) of the effective configuration as canonical JSON: one object of the flattened keys,
     * sorted, without white space.
     */
    static String hash(Map<String, JsonNode> effective) {
        try {
            byte[] canonical = JSON.writeValueAsString(new TreeMap<>(effective)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the configuration: " + e.getMessage(), e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
