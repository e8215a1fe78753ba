package io.stampbox.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/** {@code report --json}: one object per unit. */
final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {}

    static ObjectNode unit(UnitReport u, Instant now) {
        ObjectNode n = JSON.createObjectNode();
        n.put("unit", u.deviceId());
        n.put("events", u.events());
        n.put("voids", u.voids());
        n.put("duplicates", u.duplicates());
        n.put("conflicts", u.conflicts());
        n.put("storedThrough", u.storedThrough());
        n.put("ackedThrough", u.ackedThrough());
        n.put("maxSeq", u.maxSeq());
        ArrayNode gaps = n.putArray("gaps");
        u.gaps().forEach(g -> gaps.addObject().put("first", g.first()).put("last", g.last()).put("reportedLost", g.reportedLost()));
        ArrayNode lost = n.putArray("lost");
        u.lost().forEach(r -> lost.addObject().put("first", r.first()).put("last", r.last()));
        time(n, "newestScannedAt", "lagSeconds", u.newestScannedAt(), now);
        time(n, "oldestPendingScannedAt", "pendingLagSeconds", u.oldestPendingScannedAt(), now);
        n.put("lastReceivedAt", u.lastReceivedAt() == null ? null : u.lastReceivedAt().toString());
        return n;
    }

    private static void time(ObjectNode n, String field, String lagField, Instant at, Instant now) {
        if (at == null) {
            n.putNull(field);
            n.putNull(lagField);
        } else {
            n.put(field, at.toString());
            n.put(lagField, Duration.between(at, now).toMillis() / 1000.0);
        }
    }
}
