package io.stampbox.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * The open segments by first seq. Reads (the uplink) share a read lock; adding, replacing and
 * removing a segment (the writer) take the write lock, so a reader never meets a closed segment.
 */
final class SegmentSet {

    private final TreeMap<Long, Segment> segments;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    SegmentSet(TreeMap<Long, Segment> segments) {
        this.segments = segments;
    }

    /** Held while segments are swapped; {@link #put} and {@link #remove} may be called under it. */
    Lock exclusive() {
        return lock.writeLock();
    }

    void put(Segment s) {
        lock.writeLock().lock();
        try {
            segments.put(s.firstSeq(), s);
        } finally {
            lock.writeLock().unlock();
        }
    }

    void remove(Segment s) {
        lock.writeLock().lock();
        try {
            segments.remove(s.firstSeq(), s);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes and returns the segments that match; the caller closes them. */
    List<Segment> removeIf(Predicate<Segment> test) {
        List<Segment> removed = new ArrayList<>();
        lock.writeLock().lock();
        try {
            segments.values().removeIf(s -> test.test(s) && removed.add(s));
        } finally {
            lock.writeLock().unlock();
        }
        return removed;
    }

    List<Segment> all() {
        lock.readLock().lock();
        try {
            return List.copyOf(segments.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Up to {@code max} stored events with seq in [from, end), in order; lost ranges are skipped, and so
     * is an event that fails its checksum, after it is handed to {@code bad}.
     */
    List<StoredEvent> read(long from, long end, int max, LongConsumer bad) {
        List<StoredEvent> out = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (long seq = from; seq < end && out.size() < max; ) {
                Map.Entry<Long, Segment> e = segments.floorEntry(seq);
                if (e == null || e.getValue().lastSeq() < seq) {
                    Long next = segments.higherKey(seq);
                    if (next == null) {
                        break;
                    }
                    seq = next;
                    continue;
                }
                byte[] payload = e.getValue().get(seq);
                if (payload == EventCodec.BAD) {
                    bad.accept(seq);
                } else if (payload != null) {
                    out.add(new StoredEvent(seq, payload));
                }
                seq++;
            }
        } finally {
            lock.readLock().unlock();
        }
        return out;
    }

    /** When seq + 1 sits in a range lost with a damaged store, the last seq of that range; else seq. */
    long endOfLostRange(long seq) {
        lock.readLock().lock();
        try {
            Map.Entry<Long, Segment> e = segments.floorEntry(seq + 1);
            if (e != null && e.getValue().lastSeq() >= seq + 1) {
                return seq;
            }
            Long next = segments.higherKey(seq + 1);
            return next == null ? seq : next - 1;
        } finally {
            lock.readLock().unlock();
        }
    }
}
