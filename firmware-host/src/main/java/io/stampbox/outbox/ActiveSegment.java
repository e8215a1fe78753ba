package io.stampbox.outbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The segment appends go into, and the life of the segment files around it: a batch written and
 * committed, acknowledgements persisted (and how far they are), a fresh segment started when the active one is full, the active
 * one reopened from disk after a failed commit, acknowledged segments deleted, every segment closed.
 *
 * <p>Not thread-safe: {@link MapDbOutbox} calls every method holding its {@code writeLock}; the methods
 * that add or remove segments take {@link SegmentSet#exclusive()} inside it (see the lock order in
 * ARCHITECTURE.md).
 */
final class ActiveSegment {

    private final Path dir;
    private final MapDbOutbox.Settings settings;
    private final SegmentSet segments;
    private Segment active;
    private SegmentName activeName;
    private long persistedAck;

    ActiveSegment(Path dir, MapDbOutbox.Settings settings, SegmentSet segments, Segment active,
            long persistedAck) {
        this.dir = dir;
        this.settings = settings;
        this.segments = segments;
        this.active = active;
        this.activeName = active.name;
        this.persistedAck = persistedAck;
    }

    /** The active segment, or null when reopening it after a failed commit failed too. */
    Segment get() {
        return active;
    }

    /**
     * Makes the active segment usable (reopening it if a failed commit left none) and starts a fresh
     * one at {@code nextSeq} when {@code batch} more events would not fit; {@code cards} and
     * {@code ackedThrough} are asked only then, for what the fresh segment starts with.
     */
    void rotateIfNeeded(long nextSeq, int batch, Supplier<Map<String, Long>> cards,
            LongSupplier ackedThrough) throws OutboxException {
        if (active == null && !reopenAndCheck(Long.MIN_VALUE)) {
            throw new OutboxException(OutboxException.Reason.IO, "outbox " + dir
                    + ": store " + activeName.fileName() + " is not usable", null);
        }
        long count = nextSeq - active.firstSeq();
        if (count == 0 || count + batch <= active.name.capacity()) {
            return;
        }
        SegmentName name = new SegmentName(nextSeq, settings.segmentEvents());
        try {
            Segment fresh = Segment.create(dir, name, cards.get(), ackedThrough.getAsLong(),
                    settings.checkpointBytes());
            segments.put(fresh);
            active = fresh;
            activeName = name;
        } catch (IOException | RuntimeException e) {
            throw new OutboxException(OutboxException.Reason.IO, "outbox " + dir
                    + ": cannot start store " + name.fileName() + " (" + e + ")", e);
        }
    }

    /**
     * Writes seqs {@code first..last} with their card stamps and {@code ackNow} into the active segment
     * and commits; when the commit fails, reopens the segment and accepts the batch if it made it.
     */
    void commit(List<StoredEvent> events, Map<String, Long> stamps, long ackNow, long first, long last)
            throws OutboxException {
        try {
            for (StoredEvent e : events) {
                active.put(e.seq(), e.payload());
            }
            active.putCards(stamps);
            active.setAckedThrough(ackNow);
            active.commit();
        } catch (RuntimeException e) {
            if (!reopenAndCheck(last)) {
                throw new OutboxException(OutboxException.Reason.IO, "outbox " + dir
                        + ": append of seq " + first + ".." + last + " failed (" + e + ")", e);
            }
            OutboxLog.LOG.warn("outbox {}: commit of seq {}..{} reported {} but is durable", dir,
                    first, last, e.toString());
        }
        persistedAck = Math.max(persistedAck, ackNow);
    }

    /**
     * Persists acknowledgements through {@code ackNow} in the active segment (a commit) unless they
     * already are, then deletes the segments, other than the active one, whose events are all
     * acknowledged and persisted so.
     */
    void flushAcknowledgements(long ackNow) {
        if (ackNow > persistedAck) {
            active.setAckedThrough(ackNow);
            active.commit();
            persistedAck = ackNow;
        }
        Segment current = active;
        long through = persistedAck;
        segments.removeIf(s -> s != current && s.lastSeq() <= through).forEach(SegmentFiles::delete);
    }

    /** After a failed commit: reopen the active store from disk; true if the batch made it. */
    boolean reopenAndCheck(long last) {
        segments.exclusive().lock();
        try {
            if (active != null) {
                active.abandon();
                segments.remove(active);
                active = null;
            }
            Segment s = OpenGuard.open(dir, activeName, settings);
            segments.put(s);
            active = s;
            return s.lastSeq() >= last;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            OutboxLog.LOG.error("outbox {}: store {} cannot be reopened: {}", dir,
                    activeName.fileName(), e.toString());
            return false;
        } finally {
            segments.exclusive().unlock();
        }
    }

    /** At close: records acknowledgements through {@code acked} (or further) and closes every segment. */
    void closeAll(long acked) {
        if (active != null) {
            active.setAckedThrough(Math.max(persistedAck, acked));
        }
        segments.all().forEach(this::closeQuietly);
    }

    private void closeQuietly(Segment s) {
        try {
            s.close();
        } catch (RuntimeException e) {
            OutboxLog.LOG.warn("outbox {}: closing {} failed: {}", dir, s.file.getFileName(),
                    e.toString());
        }
    }
}
