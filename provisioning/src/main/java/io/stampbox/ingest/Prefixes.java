package io.stampbox.ingest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per unit touched by a batch, inside its transaction: takes the units' row locks (in unit order, so two
 * ingest processes cannot deadlock on them), then walks both prefixes forward over the rows committed by
 * every process — {@code stored_through} (every seq 1..N stored) and {@code settled_through} (every seq 1..N
 * stored or reported lost by the unit: what is acknowledged) — and updates the rows. A handful of statements
 * per batch, whatever the number of units.
 */
final class Prefixes {

    private static final int WALK_CHUNK = 1000;

    /** Per unit: duplicates, conflicts and the highest seq of the batch. */
    record Counts(long duplicates, long conflicts, long maxSeq) {}

    private Prefixes() {}

    /** Returns each unit's settled prefix as committed with this transaction. */
    static Map<String, Long> advance(Connection c, Map<String, Counts> units) throws SQLException {
        Map<String, Long> settled = new TreeMap<>();
        if (units.isEmpty()) {
            return settled;
        }
        Array devices = c.createArrayOf("text", units.keySet().toArray());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO stampbox_unit (device_id) SELECT unnest(?::text[]) ON CONFLICT DO NOTHING")) {
            s.setArray(1, devices);
            s.executeUpdate();
        }
        Map<String, Long> stored = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT device_id, stored_through, settled_through FROM stampbox_unit"
                + " WHERE device_id = ANY(?) ORDER BY device_id FOR UPDATE")) {
            s.setArray(1, devices);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    stored.put(r.getString(1), r.getLong(2));
                    settled.put(r.getString(1), r.getLong(3));
                }
            }
        }
        Map<String, Long> storedThrough = walk(c, stored, Map.of());
        Map<String, Long> settledThrough = walk(c, settled, lost(c, devices));
        settledThrough.replaceAll((device, through) -> Math.max(through, storedThrough.get(device)));
        update(c, units, storedThrough, settledThrough);
        return settledThrough;
    }

    private static Map<String, List<SeqRange>> lost(Connection c, Array devices) throws SQLException {
        Map<String, List<SeqRange>> lost = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT device_id, first_seq, last_seq FROM stampbox_lost WHERE device_id = ANY(?)")) {
            s.setArray(1, devices);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lost.computeIfAbsent(r.getString(1), d -> new ArrayList<>()).add(new SeqRange(r.getLong(2), r.getLong(3)));
                }
            }
        }
        lost.replaceAll((d, ranges) -> SeqRange.merge(ranges));
        return lost;
    }

    /** Moves each unit's cursor over the stored seqs (and lost ranges) right above it; fetches again only after a full chunk. */
    private static Map<String, Long> walk(Connection c, Map<String, Long> from, Map<String, List<SeqRange>> lost) throws SQLException {
        Map<String, Long> through = new TreeMap<>(from);
        Map<String, Long> open = new TreeMap<>(from);
        try (PreparedStatement s = c.prepareStatement("SELECT u.d, e.seq FROM unnest(?::text[], ?::bigint[]) AS u(d, t)"
                + " CROSS JOIN LATERAL (SELECT seq FROM stampbox_event WHERE device_id = u.d AND seq > u.t ORDER BY seq LIMIT "
                + WALK_CHUNK + ") e ORDER BY 1, 2")) {
            while (!open.isEmpty()) {
                s.setArray(1, c.createArrayOf("text", open.keySet().toArray()));
                s.setArray(2, c.createArrayOf("bigint", open.values().toArray()));
                Map<String, List<Long>> seqs = new HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        seqs.computeIfAbsent(r.getString(1), d -> new ArrayList<>()).add(r.getLong(2));
                    }
                }
                Map<String, Long> next = new TreeMap<>();
                for (Map.Entry<String, Long> unit : open.entrySet()) {
                    List<Long> above = seqs.getOrDefault(unit.getKey(), List.of());
                    long moved = SeqRange.advance(unit.getValue(), above.stream().mapToLong(Long::longValue).toArray(),
                            lost.getOrDefault(unit.getKey(), List.of()));
                    through.put(unit.getKey(), moved);
                    if (above.size() == WALK_CHUNK && moved > unit.getValue()) {
                        next.put(unit.getKey(), moved);
                    }
                }
                open = next;
            }
        }
        return through;
    }

    private static void update(Connection c, Map<String, Counts> units, Map<String, Long> stored, Map<String, Long> settled)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE stampbox_unit u SET stored_through = v.s, settled_through = v.t,"
                + " max_seq = greatest(u.max_seq, v.m), duplicates = u.duplicates + v.dup, conflicts = u.conflicts + v.con,"
                + " last_received_at = CASE WHEN v.m > 0 THEN now() ELSE u.last_received_at END"
                + " FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) AS v(d, s, t, m, dup, con)"
                + " WHERE u.device_id = v.d")) {
            List<String> keys = new ArrayList<>(units.keySet());
            s.setArray(1, c.createArrayOf("text", keys.toArray()));
            s.setArray(2, c.createArrayOf("bigint", keys.stream().map(stored::get).toArray()));
            s.setArray(3, c.createArrayOf("bigint", keys.stream().map(settled::get).toArray()));
            s.setArray(4, c.createArrayOf("bigint", keys.stream().map(k -> units.get(k).maxSeq()).toArray()));
            s.setArray(5, c.createArrayOf("bigint", keys.stream().map(k -> units.get(k).duplicates()).toArray()));
            s.setArray(6, c.createArrayOf("bigint", keys.stream().map(k -> units.get(k).conflicts()).toArray()));
            s.executeUpdate();
        }
    }
}
