package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.wire.Topics;
import io.stampbox.wire.UpdateOrder;
import io.stampbox.wire.UpdateState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A staged rollout: the signed order, the units in their waves, what became of each, and the rollout's own
 * state; kept retained at {@code {root}/_fleet/update/rollout} ({@link #TOPIC}) so that any admin machine can
 * show it and resume it. Mutable; owned by one thread (the driver's, or a command's).
 */
final class Rollout {

    /** Under {@code {root}/_fleet/}: the rollout, the live driver (last will) and the admin's requests to it. */
    static final String TOPIC = Topics.UPDATE_ROLLOUT;
    static final String DRIVER = "update/driver";
    static final String CONTROL = "update/control";

    static final String RUNNING = "running";
    static final String PAUSED = "paused";
    static final String ABORTED = "aborted";
    static final String DONE = "done";
    static final Set<String> STATES = Set.of(RUNNING, PAUSED, ABORTED, DONE);
    /** What counts against {@code --max-failures}. */
    static final Set<String> FAILURES = Set.of(UpdateState.FAILED, UpdateState.REVERTED, UpdateState.REFUSED);
    static final int MAX_UNITS = 10_000;
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One unit: its wave (0 = canaries), when the order was last sent (null: not yet), what became of it. */
    static final class Entry {
        final String unit;
        final int wave;
        String sentAt;
        String state = UpdateState.PENDING;
        String reason;

        Entry(String unit, int wave) {
            this.unit = unit;
            this.wave = wave;
        }

        boolean isFinal() {
            return UpdateState.FINAL.contains(state);
        }
    }

    final String id;
    final UpdateOrder order;
    final int waves;
    final String createdAt;
    final Map<String, Entry> units = new LinkedHashMap<>();
    String state = RUNNING;
    String reason;
    FailureLimit limit;
    int wavesStarted;
    String updatedAt;

    Rollout(String id, UpdateOrder order, FailureLimit limit, List<List<String>> plan, String createdAt) {
        this.id = id;
        this.order = UpdateWire.inRollout(order, id);
        this.limit = limit;
        this.waves = plan.size();
        this.createdAt = createdAt;
        for (int w = 0; w < plan.size(); w++) {
            for (String unit : plan.get(w)) {
                units.put(unit, new Entry(unit, w));
            }
        }
    }

    /** The units of one wave, in plan order. */
    List<Entry> wave(int wave) {
        return units.values().stream().filter(e -> e.wave == wave).toList();
    }

    /** Units whose order was sent (or that finished without one). */
    long reached() {
        return units.values().stream().filter(e -> e.sentAt != null || e.isFinal()).count();
    }

    long failures() {
        return units.values().stream().filter(e -> FAILURES.contains(e.state)).count();
    }

    long count(String unitState) {
        return units.values().stream().filter(e -> e.state.equals(unitState)).count();
    }

    boolean allDone() {
        return units.values().stream().allMatch(e -> UpdateState.DONE.equals(e.state));
    }

    /**
     * Whether a unit's retained update/state speaks of this rollout: it names it, or names none but the version
     * and the unit was sent the order.
     */
    boolean concerns(String unit, UpdateState s) {
        Entry e = units.get(unit);
        if (e == null) {
            return false;
        }
        if (s.rollout() != null) {
            return s.rollout().equals(id);
        }
        return e.sentAt != null && order.version().equals(s.version());
    }

    ObjectNode toTree() {
        ObjectNode root = JSON.createObjectNode().put("id", id).put("state", state).put("reason", reason)
                .put("version", order.version()).put("maxFailures", limit.toString()).put("waves", waves)
                .put("wavesStarted", wavesStarted).put("createdAt", createdAt).put("updatedAt", updatedAt);
        root.set("order", order.toArgs());
        ArrayNode list = root.putArray("units");
        for (Entry e : units.values()) {
            list.addObject().put("unit", e.unit).put("wave", e.wave).put("sentAt", e.sentAt).put("state", e.state)
                    .put("reason", e.reason);
        }
        return root;
    }

    byte[] toJson() {
        updatedAt = Instant.now().toString();
        return toTree().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads a retained rollout hostile-first (anyone with write access to the topic could have left it).
     *
     * @throws IllegalArgumentException naming what does not read
     */
    static Rollout fromJson(byte[] json) {
        if (json.length > MAX_BYTES) {
            throw new IllegalArgumentException("the rollout document is over " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the rollout document is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("units").isArray() || root.path("units").size() > MAX_UNITS) {
            throw new IllegalArgumentException("the rollout document is not an object with a list of units");
        }
        UpdateOrder order = UpdateOrder.parse(root.get("order"));
        String id = order.rollout();
        if (id == null || !id.equals(root.path("id").asText())) {
            throw new IllegalArgumentException("the rollout document's id and its order's rollout differ");
        }
        int waves = root.path("waves").asInt(-1);
        List<List<String>> plan = new ArrayList<>();
        for (int w = 0; w >= 0 && w < Math.min(waves, MAX_UNITS); w++) {
            plan.add(new ArrayList<>());
        }
        List<JsonNode> entries = new ArrayList<>();
        root.path("units").forEach(entries::add);
        for (JsonNode u : entries) {
            int wave = u.path("wave").asInt(-1);
            String unit = u.path("unit").asText("");
            new Topics("x", unit); // one topic level, not reserved
            if (wave < 0 || wave >= plan.size()) {
                throw new IllegalArgumentException("unit " + unit + ": wave must be 0.." + (plan.size() - 1));
            }
            plan.get(wave).add(unit);
        }
        Rollout r = new Rollout(id, order, FailureLimit.parse(root.path("maxFailures").asText("")), plan,
                root.path("createdAt").asText(null));
        r.state = text(root, "state", 16);
        if (!STATES.contains(r.state)) {
            throw new IllegalArgumentException("state: must be one of " + STATES + ", got " + r.state);
        }
        r.reason = text(root, "reason", 1024);
        r.updatedAt = text(root, "updatedAt", 40);
        r.wavesStarted = Math.max(0, Math.min(r.waves, root.path("wavesStarted").asInt(0)));
        for (JsonNode u : entries) {
            Entry e = r.units.get(u.path("unit").asText());
            e.sentAt = text(u, "sentAt", 40);
            String s = text(u, "state", 16);
            e.state = UpdateWire.STATES.contains(s) ? s : UpdateState.PENDING;
            e.reason = text(u, "reason", UpdateState.MAX_REASON);
        }
        return r;
    }

    private static String text(JsonNode node, String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.textValue();
        return text.length() > max ? text.substring(0, max) : text;
    }

    /**
     * The waves: the first {@code canaries} units, then waves of {@code waveSize}, or, with 0, each wave twice the
     * one before.
     */
    static List<List<String>> plan(List<String> units, int canaries, int waveSize) {
        List<List<String>> waves = new ArrayList<>();
        int at = Math.min(canaries, units.size());
        if (at > 0) {
            waves.add(List.copyOf(units.subList(0, at)));
        }
        int size = waveSize > 0 ? waveSize : Math.max(1, canaries * 2);
        while (at < units.size()) {
            int end = Math.min(units.size(), at + size);
            waves.add(List.copyOf(units.subList(at, end)));
            at = end;
            size = waveSize > 0 ? waveSize : size * 2;
        }
        return waves;
    }
}
