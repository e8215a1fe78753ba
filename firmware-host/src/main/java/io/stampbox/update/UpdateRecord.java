package io.stampbox.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.wire.AtomicFiles;
import io.stampbox.wire.UpdateOrder;
import io.stampbox.wire.UpdateState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The update in progress ({@code order.json}: the order and its last state), so that a restart or a power cut
 * resumes it, and the last state of all ({@code last.json}), which status and health carry as
 * {@code lastUpdate}. Both in {@code storage.dir/update/}.
 */
final class UpdateRecord {

    /** An order with its state. */
    record Current(UpdateOrder order, UpdateState state) {}

    private static final Logger log = LoggerFactory.getLogger(UpdateRecord.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path order;
    private final Path last;

    UpdateRecord(Path dir) {
        this.order = dir.resolve("order.json");
        this.last = dir.resolve("last.json");
    }

    /** The update in progress, or null. */
    Current current() {
        try {
            if (!Files.isRegularFile(order)) {
                return null;
            }
            JsonNode node = JSON.readTree(order.toFile());
            return new Current(UpdateOrder.parse(node.get("order")),
                    UpdateState.fromJson(JSON.writeValueAsBytes(node.get("state"))));
        } catch (IOException | RuntimeException e) {
            log.error("update: cannot read {} ({}); the update it held is forgotten", order, e.getMessage());
            return null;
        }
    }

    UpdateState last() {
        try {
            return Files.isRegularFile(last) ? UpdateState.fromJson(Files.readAllBytes(last)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Keeps the state: in {@code order.json} while the update goes on, in {@code last.json} always. */
    void keep(UpdateOrder o, UpdateState state) {
        try {
            AtomicFiles.write(last, state.toJson());
            if (state.isFinal()) {
                Files.deleteIfExists(order);
            } else {
                ObjectNode node = JSON.createObjectNode();
                node.set("order", o.toArgs());
                node.set("state", JSON.readTree(state.toJson()));
                AtomicFiles.write(order, JSON.writeValueAsBytes(node));
            }
        } catch (IOException e) {
            log.error("update: cannot keep the state in {} ({})", order.getParent(), e.getMessage());
        }
    }
}
