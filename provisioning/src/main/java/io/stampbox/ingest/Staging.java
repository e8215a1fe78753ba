package io.stampbox.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * The batch's events into {@code stampbox_event} the fast way: {@code COPY} into a temporary table of the
 * connection (emptied at commit), then one {@code INSERT … SELECT … ORDER BY device_id, seq ON CONFLICT DO
 * NOTHING RETURNING event_id}. Same result as a multi-row INSERT, a fraction of the statement work.
 */
final class Staging {

    static final String COLUMNS = "event_id, device_id, seq, kind, store_id, card_id, scanned_at, clock_synced,"
            + " config_version, voids_event_id, voids_seq, payload";

    private Staging() {}

    /** Once per connection. */
    static void prepare(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS stampbox_incoming (LIKE stampbox_event INCLUDING DEFAULTS) ON COMMIT DELETE ROWS");
        }
    }

    /** Inserts the events (already sorted); returns the eventIds actually inserted. */
    static Set<String> insert(Connection c, List<IngestEvent> events) throws SQLException {
        Set<String> inserted = new HashSet<>();
        if (events.isEmpty()) {
            return inserted;
        }
        StringBuilder rows = new StringBuilder(events.size() * 400);
        for (IngestEvent e : events) {
            field(rows, e.eventId()).append('\t');
            field(rows, e.deviceId()).append('\t').append(e.seq()).append('\t');
            field(rows, e.kind()).append('\t');
            field(rows, e.storeId()).append('\t');
            field(rows, e.cardId()).append('\t');
            rows.append(e.scannedAt()).append('\t');
            field(rows, e.clockSynced() == null ? null : e.clockSynced().toString()).append('\t');
            field(rows, e.configVersion() == null ? null : e.configVersion().toString()).append('\t');
            field(rows, e.voidsEventId()).append('\t');
            field(rows, e.voidsSeq() == null ? null : e.voidsSeq().toString()).append('\t');
            field(rows, e.raw()).append('\n');
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY stampbox_incoming (" + COLUMNS + ") FROM STDIN",
                    new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into the staging table: " + e.getMessage(), "08006", e);
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("INSERT INTO stampbox_event (" + COLUMNS + ") SELECT "
                + COLUMNS + " FROM stampbox_incoming ORDER BY device_id, seq ON CONFLICT DO NOTHING RETURNING event_id")) {
            while (r.next()) {
                inserted.add(r.getString(1));
            }
        }
        return inserted; // the staging rows go with the commit (or the rollback)
    }

    /** A value in COPY's text format: {@code \N} for null; backslash, tab, newline and return escaped. */
    private static StringBuilder field(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out;
    }
}
