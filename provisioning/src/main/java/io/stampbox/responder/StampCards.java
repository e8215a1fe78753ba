package io.stampbox.responder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.wire.ScanResult;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The demo's stamp cards: every {@code goal} stamps of a card (per unit and card id), a reward is due.
 * A {@code void} takes its stamp back. Events are counted once by eventId (delivery is at least once).
 * Owned by the responder thread.
 */
final class StampCards {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REMEMBERED_EVENTS = 100_000;

    private final int goal;
    private final String label;
    private final Map<String, Integer> stamps = new HashMap<>();
    private final Set<String> seen = new LinkedHashSet<>();

    StampCards(int goal, String label) {
        if (goal < 1) {
            throw new IllegalArgumentException("--stamp-card: must be >= 1, got " + goal);
        }
        this.goal = goal;
        this.label = label;
    }

    /**
     * Counts one published event of a unit.
     *
     * @return the answer for a stamp, or null for a void, a resend or a payload that is no event
     */
    ScanResult count(String unit, byte[] payload) {
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
        if (event == null || !event.path("eventId").isTextual() || !event.path("cardId").isTextual()) {
            return null;
        }
        String eventId = event.get("eventId").textValue();
        if (!remember(eventId)) {
            return null;
        }
        String card = unit + "/" + event.get("cardId").textValue();
        if ("void".equals(event.path("kind").asText())) {
            stamps.computeIfPresent(card, (k, n) -> n > 0 ? n - 1 : 0);
            return null;
        }
        int count = stamps.merge(card, 1, Integer::sum);
        int onCard = (count - 1) % goal + 1;
        return new ScanResult(eventId, onCard, goal, onCard == goal ? ScanResult.DUE : ScanResult.NONE, label);
    }

    private boolean remember(String eventId) {
        if (!seen.add(eventId)) {
            return false;
        }
        if (seen.size() > REMEMBERED_EVENTS) {
            seen.remove(seen.iterator().next());
        }
        return true;
    }
}
