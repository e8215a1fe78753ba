package io.stampbox.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the database says about one unit: the last contiguous seq stored, the seq acknowledged (stored or
 * reported lost), the gaps (seqs never seen, below the highest seen), the ranges the unit reported lost,
 * and the lag: now minus {@code scannedAt} of the newest stored event and of the oldest stored event still
 * waiting behind a gap (not yet acknowledged).
 */
record UnitReport(String deviceId, long events, long voids, long duplicates, long conflicts, long storedThrough,
        long ackedThrough, long maxSeq, List<Gap> gaps, List<SeqRange> lost, Instant newestScannedAt,
        Instant oldestPendingScannedAt, Instant lastReceivedAt) {

    static final int MAX_GAPS = 1000;

    /** Seqs {@code first..last} never stored; {@code reportedLost} when the unit said it lost all of them. */
    record Gap(long first, long last, boolean reportedLost) {}

    static List<UnitReport> read(Connection c, String onlyUnit) throws SQLException {
        List<UnitReport> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT device_id, stored_through, settled_through, max_seq, duplicates,"
                + " conflicts, last_received_at FROM stampbox_unit WHERE (? IS NULL OR device_id = ?) ORDER BY device_id")) {
            s.setString(1, onlyUnit);
            s.setString(2, onlyUnit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new UnitReport(r.getString(1), 0, 0, r.getLong(5), r.getLong(6), r.getLong(2), r.getLong(3),
                            r.getLong(4), List.of(), List.of(), null, null, instant(r.getTimestamp(7))));
                }
            }
        }
        List<UnitReport> full = new ArrayList<>();
        for (UnitReport u : out) {
            full.add(u.details(c));
        }
        return full;
    }

    private UnitReport details(Connection c) throws SQLException {
        long[] counts = new long[2];
        Instant[] times = new Instant[2];
        try (PreparedStatement s = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE kind = 'void'),"
                + " (SELECT scanned_at FROM stampbox_event WHERE device_id = ? ORDER BY seq DESC LIMIT 1),"
                + " min(scanned_at) FILTER (WHERE seq > ?) FROM stampbox_event WHERE device_id = ?")) {
            s.setString(1, deviceId);
            s.setLong(2, ackedThrough);
            s.setString(3, deviceId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                counts[0] = r.getLong(1);
                counts[1] = r.getLong(2);
                times[0] = instant(r.getTimestamp(3));
                times[1] = instant(r.getTimestamp(4));
            }
        }
        List<SeqRange> lost = EventStore.lost(c, deviceId);
        return new UnitReport(deviceId, counts[0], counts[1], duplicates, conflicts, storedThrough, ackedThrough, maxSeq,
                gaps(c, lost), lost, times[0], times[1], lastReceivedAt);
    }

    private List<Gap> gaps(Connection c, List<SeqRange> lost) throws SQLException {
        List<Gap> gaps = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT prev + 1, seq - 1 FROM (SELECT seq, lag(seq, 1, 0::bigint)"
                + " OVER (ORDER BY seq) AS prev FROM stampbox_event WHERE device_id = ?) t WHERE seq > prev + 1 ORDER BY seq LIMIT "
                + MAX_GAPS)) {
            s.setString(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    SeqRange gap = new SeqRange(r.getLong(1), r.getLong(2));
                    gaps.add(new Gap(gap.first(), gap.last(), gap.coveredBy(lost)));
                }
            }
        }
        return gaps;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
