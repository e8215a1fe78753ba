package io.stampbox.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/** Counts refused messages per topic unit and reason in {@code stampbox_reject}; the payload is never kept. */
final class Rejects {

    private Rejects() {}

    static void record(Connection c, List<Inbound.Rejected> rejects) throws SQLException {
        if (rejects.isEmpty()) {
            return;
        }
        List<Inbound.Rejected> sorted = rejects.stream()
                .sorted(Comparator.comparing(Inbound.Rejected::device).thenComparing(Inbound.Rejected::reason)).toList();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO stampbox_reject (topic_device, reason, count, last_detail, last_at)"
                + " VALUES (?, ?, 1, ?, now()) ON CONFLICT (topic_device, reason) DO UPDATE SET count = stampbox_reject.count + 1,"
                + " last_detail = excluded.last_detail, last_at = excluded.last_at")) {
            for (Inbound.Rejected r : sorted) {
                s.setString(1, r.device());
                s.setString(2, r.reason());
                s.setString(3, r.detail());
                s.executeUpdate();
            }
        }
    }
}
