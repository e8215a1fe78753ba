package io.stampbox.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The database side of the ingest: one batch of checked messages in one transaction. Events are inserted
 * once per {@code eventId} ({@code ON CONFLICT DO NOTHING}); then, per unit touched and under that unit's row
 * lock, the contiguous prefix is walked forward from the committed rows of every ingest process, so what
 * {@link Outcome#settled()} says is in the database once {@link #store} returns. Owned by one thread.
 */
final class EventStore implements AutoCloseable {


    private final Opener opener;
    private Connection connection;

    /** Opens a database connection (again, after one broke). */
    interface Opener {
        Connection open() throws SQLException;
    }

    /** One batch: the events, the rejections and the units' reports taken off the broker together. */
    record Batch(List<IngestEvent> events, List<Inbound.Rejected> rejects, List<Inbound.Report> reports) {}

    /**
     * What the committed transaction did.
     *
     * @param settled per unit touched, the highest N such that every seq 1..N is stored or reported lost
     */
    record Outcome(int inserted, int duplicates, List<IngestEvent> conflicts, Map<String, Long> settled) {}

    EventStore(Opener opener) throws SQLException {
        this.opener = opener;
        connection();
    }

    /** Stores the batch in one transaction and commits; on any failure nothing of it is stored. */
    Outcome store(Batch batch) throws SQLException {
        Connection c = connection();
        try {
            Outcome outcome = storeIn(c, batch);
            c.commit();
            return outcome;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is gone: closed below
            }
            if (!c.isValid(2)) {
                closeQuietly();
            }
            throw e;
        }
    }

    /**
     * A failure worth retrying as it is: everything but the database refusing the rows themselves (data
     * exception 22, integrity 23, program limit 54). A database that is away, shutting down, not accepting
     * connections (55000), missing a table or refusing the login is waited for, never taken as "refused".
     */
    static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return state == null || !(state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    private Outcome storeIn(Connection c, Batch batch) throws SQLException {
        List<IngestEvent> events = new ArrayList<>(batch.events());
        events.sort(Comparator.comparing(IngestEvent::deviceId).thenComparingLong(IngestEvent::seq));
        Set<String> inserted = Staging.insert(c, events);
        Map<String, long[]> perUnit = new TreeMap<>();
        List<IngestEvent> conflicts = new ArrayList<>();
        List<IngestEvent> again = new ArrayList<>();
        for (IngestEvent e : events) {
            long[] counts = perUnit.computeIfAbsent(e.deviceId(), d -> new long[3]);
            counts[2] = Math.max(counts[2], e.seq());
            if (!inserted.remove(e.eventId())) {
                again.add(e);
            }
        }
        Set<String> duplicates = sameAsStored(c, again);
        for (IngestEvent e : again) {
            perUnit.get(e.deviceId())[duplicates.contains(e.eventId()) ? 0 : 1]++;
            if (!duplicates.contains(e.eventId())) {
                conflicts.add(e);
            }
        }
        recordLost(c, batch, perUnit);
        Rejects.record(c, batch.rejects());
        Map<String, Prefixes.Counts> units = new TreeMap<>();
        perUnit.forEach((device, n) -> units.put(device, new Prefixes.Counts(n[0], n[1], n[2])));
        Map<String, Long> settled = Prefixes.advance(c, units);
        return new Outcome(events.size() - again.size(), again.size() - conflicts.size(), conflicts, settled);
    }

    /** The eventIds of {@code events} already stored with the same unit and seq: true duplicates. */
    private static Set<String> sameAsStored(Connection c, List<IngestEvent> events) throws SQLException {
        Set<String> same = new HashSet<>();
        if (events.isEmpty()) {
            return same;
        }
        Map<String, IngestEvent> byId = new TreeMap<>();
        events.forEach(e -> byId.put(e.eventId(), e));
        try (PreparedStatement s = c.prepareStatement("SELECT event_id, device_id, seq FROM stampbox_event WHERE event_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", byId.keySet().toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    IngestEvent e = byId.get(r.getString(1));
                    if (e.deviceId().equals(r.getString(2)) && e.seq() == r.getLong(3)) {
                        same.add(e.eventId());
                    }
                }
            }
        }
        return same;
    }

    private static void recordLost(Connection c, Batch batch, Map<String, long[]> perUnit) throws SQLException {
        Map<String, List<SeqRange>> lost = new TreeMap<>();
        for (IngestEvent e : batch.events()) {
            lost.computeIfAbsent(e.deviceId(), d -> new ArrayList<>()).addAll(e.lost());
        }
        for (Inbound.Report r : batch.reports()) {
            lost.computeIfAbsent(r.deviceId(), d -> new ArrayList<>()).addAll(r.lost());
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO stampbox_lost (device_id, first_seq, last_seq) VALUES (?,?,?) ON CONFLICT DO NOTHING")) {
            for (Map.Entry<String, List<SeqRange>> unit : lost.entrySet()) {
                if (unit.getValue().isEmpty()) {
                    continue;
                }
                perUnit.computeIfAbsent(unit.getKey(), d -> new long[3]);
                for (SeqRange range : SeqRange.merge(unit.getValue())) {
                    s.setString(1, unit.getKey());
                    s.setLong(2, range.first());
                    s.setLong(3, range.last());
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    static List<SeqRange> lost(Connection c, String device) throws SQLException {
        List<SeqRange> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT first_seq, last_seq FROM stampbox_lost WHERE device_id = ? ORDER BY first_seq")) {
            s.setString(1, device);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new SeqRange(r.getLong(1), r.getLong(2)));
                }
            }
        }
        return SeqRange.merge(out);
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = opener.open();
            Schema.create(c);
            c.setAutoCommit(false);
            Staging.prepare(c);
            c.commit();
            connection = c;
        }
        return connection;
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken
        }
        connection = null;
    }

    @Override
    public void close() {
        if (connection != null) {
            closeQuietly();
        }
    }
}
