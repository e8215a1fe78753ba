package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import io.stampbox.wire.AtomicFiles;

/**
 * Keeps {@link FleetState} in {@code storage.dir/config/applied.json}, replaced by {@link AtomicFiles} so a
 * power cut leaves the old or the new state, never a torn one.
 */
final class StateStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    StateStore(Path storageDir) {
        this.file = storageDir.resolve("config").resolve("applied.json");
    }

    Path file() {
        return file;
    }

    private Path trials() {
        return file.resolveSibling("trial-boots");
    }

    /** Counts one more boot with layers that have not delivered yet; returns the count including this one. */
    int countTrialBoot() {
        int count = 1;
        try {
            if (Files.exists(trials())) {
                count = Integer.parseInt(Files.readString(trials()).strip()) + 1;
            }
        } catch (IOException | NumberFormatException e) {
            count = 1;
        }
        try {
            AtomicFiles.write(trials(), Integer.toString(count).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + trials() + ": " + e.getMessage(), e);
        }
        return count;
    }

    /** The layers in effect delivered: the boot count starts again. */
    void clearTrialBoots() {
        try {
            Files.deleteIfExists(trials());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + trials() + ": " + e.getMessage(), e);
        }
    }

    /** The kept state, or {@link FleetState#EMPTY} when there is none. */
    FleetState load() throws IOException {
        if (!Files.exists(file)) {
            return FleetState.EMPTY;
        }
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode rejected = root.path("rejected");
        JsonNode reported = root.get("reported");
        return new FleetState(layers(root.path("applied")), layers(root.path("connected")),
                rejected.path("fleet").asLong(), rejected.path("unit").asLong(),
                reported instanceof ObjectNode o ? o : null);
    }

    void save(FleetState state) {
        ObjectNode root = JSON.createObjectNode();
        root.set("applied", json(state.applied()));
        root.set("connected", json(state.connected()));
        root.putObject("rejected").put("fleet", state.fleetRejected()).put("unit", state.unitRejected());
        if (state.reported() != null) {
            root.set("reported", state.reported());
        }
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode json(Layers layers) {
        ObjectNode node = JSON.createObjectNode();
        node.set("fleet", json(layers.fleet()));
        node.set("unit", json(layers.unit()));
        return node;
    }

    private static ObjectNode json(Layer layer) {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", layer.version());
        ObjectNode keys = node.putObject("keys");
        layer.keys().forEach(keys::set);
        return node;
    }

    private static Layers layers(JsonNode node) {
        return new Layers(layer(node.path("fleet")), layer(node.path("unit")));
    }

    private static Layer layer(JsonNode node) {
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        node.path("keys").fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue()));
        return new Layer(node.path("version").asLong(), keys);
    }
}
