package io.stampbox.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.wire.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions that were reverted on this unit, kept in {@code storage.dir/update/bad.json}
 * ({@code [{"version": "...", "reason": "...", "at": "..."}]}) so that they are never installed again.
 * At most {@link #MAX} entries (the oldest go first). Used on the "fleet" thread only.
 */
final class BadVersions {

    static final int MAX = 100;
    private static final Logger log = LoggerFactory.getLogger(BadVersions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, String> reasons = new LinkedHashMap<>();

    BadVersions(Path file) {
        this.file = file;
        try {
            if (Files.isRegularFile(file) && Files.size(file) < 1024 * 1024) {
                for (JsonNode entry : JSON.readTree(file.toFile())) {
                    if (entry.path("version").isTextual()) {
                        reasons.put(entry.get("version").textValue(), entry.path("reason").asText("")
                                + " (" + entry.path("at").asText("?") + ")");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.error("update: cannot read {} ({}): no version is known bad", file, e.getMessage());
        }
    }

    /** Why the version is bad, or null. */
    String why(String version) {
        return reasons.get(version);
    }

    /** Marks the version bad; a failure to write is logged (the helper keeps its own list too). */
    void add(String version, String reason, String at) {
        reasons.remove(version);
        reasons.put(version, reason + " (" + at + ")");
        while (reasons.size() > MAX) {
            reasons.remove(reasons.keySet().iterator().next());
        }
        ArrayNode out = JSON.createArrayNode();
        reasons.forEach((v, r) -> {
            ObjectNode entry = out.addObject().put("version", v);
            int open = r.lastIndexOf(" (");
            entry.put("reason", open < 0 ? r : r.substring(0, open));
            entry.put("at", open < 0 ? "" : r.substring(open + 2, r.length() - 1));
        });
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(out));
        } catch (IOException e) {
            log.error("update: cannot write {} ({})", file, e.getMessage());
        }
    }
}
