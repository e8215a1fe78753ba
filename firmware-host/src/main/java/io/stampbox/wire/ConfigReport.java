package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * The retained report on {@code {root}/{id}/config/reported} (contract section 3.4):
 * {@code {"version": N, "appliedAt": "...", "hash": "<sha-256>", "layers": {"fleet": F, "unit": U}}},
 * plus {@code "rejected": {"version": N | null, "scope": "fleet" | "unit", "errors": ["field: why"]}}
 * after a document was not applied or was rolled back.
 */
@JsonPropertyOrder({"version", "appliedAt", "hash", "layers", "rejected"})
public record ConfigReport(
        Long version,
        String appliedAt,
        String hash,
        Layers layers,
        @JsonInclude(JsonInclude.Include.NON_NULL) Rejected rejected) {

    /** The versions of the fleet-wide and the unit's own document in effect (0: none). */
    @JsonPropertyOrder({"fleet", "unit"})
    public record Layers(Long fleet, Long unit) {}

    /** @param version null when the document had no readable version */
    @JsonPropertyOrder({"version", "scope", "errors"})
    public record Rejected(Long version, String scope, List<String> errors) {}

    public ConfigReport withRejected(Rejected r) {
        return new ConfigReport(version, appliedAt, hash, layers, r);
    }

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    /** As a JSON tree, for state kept beside other JSON. */
    public ObjectNode toTree() {
        return WireJson.MAPPER.valueToTree(this);
    }

    public static ConfigReport fromJson(byte[] json) throws IOException {
        return WireJson.read(json, ConfigReport.class);
    }

    public static ConfigReport fromTree(JsonNode tree) throws IOException {
        return WireJson.MAPPER.treeToValue(tree, ConfigReport.class);
    }
}
