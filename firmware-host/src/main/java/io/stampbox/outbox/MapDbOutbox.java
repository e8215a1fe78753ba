package io.stampbox.outbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The outbox on MapDB 3.1.0 files in {@code storage.dir}: segment files of at most
 * {@link Settings#segmentEvents()} events each, keyed by seq, every commit made atomic by a journal
 * of our own (see {@link JournaledVolume}); whole segments are deleted once acknowledged.
 *
 * <p>Threads: one appender and one reader/acknowledger, as {@link Outbox} says. Writes (append, the
 * lazy acknowledgement commit, rotation, deletion) take turns on {@code writeLock}; the thread
 * {@code outbox-ack-flush} persists acknowledgements and deletes acknowledged segments every
 * {@link Settings#ackFlushInterval()}. The segment files themselves (writing a batch, rotation, reopening
 * after a failed commit, deletion) are {@link ActiveSegment}'s, called under {@code writeLock}.
 */
public final class MapDbOutbox implements Outbox {

    /**
     * Tuning; {@link #defaults()} fits the counter unit.
     *
     * @param segmentEvents events per segment file, and the largest batch one append may carry
     * @param openTimeout how long opening one store may take before it is taken as damaged
     * @param ackFlushInterval how often acknowledgements are persisted (they ride along with appends)
     * @param checkpointBytes journal size after which commits are written into the store file
     */
    public record Settings(int segmentEvents, Duration openTimeout, Duration ackFlushInterval,
            long checkpointBytes) {
        public Settings {
            if (segmentEvents < 1 || checkpointBytes < 0) {
                throw new IllegalArgumentException("segmentEvents must be >= 1 and checkpointBytes >= 0, got "
                        + segmentEvents + " and " + checkpointBytes);
            }
        }

        public static Settings defaults() {
            return new Settings(10_000, Duration.ofSeconds(30), Duration.ofSeconds(1), 256 * 1024);
        }
    }

    private final Path dir;
    private final long maxEvents;
    private final Clock clock;
    private final Settings settings;
    private final OutboxLosses losses;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final SegmentSet segments;
    private final Map<String, Long> cardStamps;
    private final AtomicLong acked;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AckFlusher flusher;
    private final ActiveSegment active;
    private volatile long nextSeq;
    private volatile long retainMillis = Long.MAX_VALUE;
    private volatile boolean closed;

    private MapDbOutbox(Path dir, long maxEvents, Clock clock, Settings settings,
            OutboxOpening.State state) {
        this.dir = dir;
        this.maxEvents = maxEvents;
        this.clock = clock;
        this.settings = settings;
        this.losses = new OutboxLosses(dir, state.ledger(), state.notes(), state.gaps());
        this.segments = new SegmentSet(state.segments());
        this.active = new ActiveSegment(dir, settings, segments, state.active(), state.ackedThrough());
        this.nextSeq = state.nextSeq();
        this.acked = new AtomicLong(state.ackedThrough());
        this.cardStamps = new ConcurrentHashMap<>(state.cardStamps());
        this.flusher = new AckFlusher(settings.ackFlushInterval(), this::flushQuietly);
    }

    /** Opens (or creates) the outbox in {@code dir} with default settings. */
    public static MapDbOutbox open(Path dir, long maxEvents, Clock clock) throws OutboxException {
        return open(dir, maxEvents, clock, Settings.defaults());
    }

    /**
     * Opens (or creates) the outbox in {@code dir}: creates the directory, takes back the commits
     * still in store journals, moves aside stores that cannot be opened (see {@link #recoveryNotes()}).
     *
     * @throws OutboxException IO when the directory cannot be written or a store cannot be created
     */
    public static MapDbOutbox open(Path dir, long maxEvents, Clock clock, Settings settings)
            throws OutboxException {
        SegmentFiles.prepare(dir);
        try {
            OutboxOpening.State state = new OutboxOpening(dir, clock, settings).run();
            return new MapDbOutbox(dir, maxEvents, clock, settings, state);
        } catch (IOException | RuntimeException e) {
            throw new OutboxException(OutboxException.Reason.IO,
                    "outbox " + dir.toAbsolutePath() + ": cannot open (" + e + ")", e);
        }
    }

    /** What was lost and repaired (at open, and events found damaged since); empty when all was well. */
    public List<String> recoveryNotes() {
        return losses.notes();
    }

    /** True when events may have been lost (a store moved aside or cut back, a damaged event): say so. */
    public boolean recoveredFromCorruption() {
        return !losses.notes().isEmpty();
    }

    /** Called (on the thread that found it) when a loss is found after open: a damaged stored event. */
    public void onLoss(Runnable listener) {
        losses.onLoss(listener);
    }

    @Override
    public List<SeqRange> lostSeqs() {
        return losses.lost();
    }

    @Override
    public long nextSeq() {
        return nextSeq;
    }

    @Override
    public void append(List<StoredEvent> events, Map<String, Long> stamps) throws OutboxException {
        writeLock.lock();
        try {
            checkOpen();
            checkBatch(events);
            if (depth() + events.size() > maxEvents) {
                throw new OutboxException(OutboxException.Reason.FULL, "outbox " + dir + ": full ("
                        + depth() + " pending, storage.maxEvents " + maxEvents + ")", null);
            }
            active.rotateIfNeeded(nextSeq, events.size(), this::prunedCards, acked::get);
            commitBatch(events, stamps);
        } finally {
            writeLock.unlock();
        }
        for (Runnable listener : listeners) {
            runIsolated(listener);
        }
    }

    private void checkBatch(List<StoredEvent> events) {
        long expected = nextSeq;
        for (StoredEvent e : events) {
            if (e.seq() != expected++) {
                throw new IllegalArgumentException("outbox append: seq must be " + (expected - 1) + ", got " + e.seq());
            }
        }
        if (events.isEmpty() || events.size() > settings.segmentEvents()) {
            throw new IllegalArgumentException("outbox append: batch of " + events.size()
                    + " events, must be 1 to segmentEvents " + settings.segmentEvents());
        }
    }

    private void commitBatch(List<StoredEvent> events, Map<String, Long> stamps)
            throws OutboxException {
        long ackNow = acked.get();
        long last = nextSeq + events.size() - 1;
        try {
            losses.reserve(last, ackNow, active.get().firstSeq());
        } catch (IOException e) {
            throw new OutboxException(OutboxException.Reason.IO, "outbox " + dir + ": cannot write "
                    + SeqLedger.FILE + " (" + e + ")", e);
        }
        active.commit(events, stamps, ackNow, nextSeq, last);
        cardStamps.putAll(stamps);
        nextSeq = last + 1;
    }

    private Map<String, Long> prunedCards() {
        long keep = retainMillis;
        if (keep != Long.MAX_VALUE) {
            long cutoff = clock.millis() - keep;
            cardStamps.values().removeIf(at -> at < cutoff);
        }
        return Map.copyOf(cardStamps);
    }

    @Override
    public List<StoredEvent> read(long fromSeq, int max) {
        if (closed) {
            return List.of();
        }
        return segments.read(Math.max(fromSeq, acked.get() + 1), nextSeq, max, seq -> {
            losses.badEvent(seq);
            acknowledgeThrough(acked.get());
        });
    }

    /** Also passes over seqs that are lost: whole ranges, and events found damaged. */
    @Override
    public void acknowledgeThrough(long seq) {
        long limit = nextSeq - 1;
        long now = acked.accumulateAndGet(Math.min(seq, limit), Math::max);
        while (true) {
            long skip = segments.endOfLostRange(now);
            while (skip < limit && losses.isBad(skip + 1)) {
                skip++;
            }
            if (skip <= now) {
                return;
            }
            now = acked.accumulateAndGet(skip, Math::max);
        }
    }

    @Override
    public long depth() {
        long ack = acked.get(), next = nextSeq;
        return Math.max(0, next - 1 - ack - losses.lostBetween(ack, next));
    }

    @Override
    public long oldestPendingSeq() {
        return depth() == 0 ? 0 : acked.get() + 1;
    }

    @Override
    public Map<String, Long> cardStamps() {
        return Map.copyOf(cardStamps);
    }

    @Override
    public void retainCardStampsFor(long millis) {
        retainMillis = millis;
    }

    @Override
    public void onAppend(Runnable listener) {
        listeners.add(listener);
    }

    /** Persists acknowledgements now and deletes segments whose events are all acknowledged. */
    void flushAcknowledgements() {
        writeLock.lock();
        try {
            if (closed || active.get() == null) {
                return;
            }
            active.flushAcknowledgements(acked.get());
        } finally {
            writeLock.unlock();
        }
    }

    private void flushQuietly() {
        try {
            flushAcknowledgements();
        } catch (RuntimeException e) {
            OutboxLog.LOG.warn("outbox {}: persisting acknowledgements failed: {}", dir, e.toString());
            writeLock.lock();
            try {
                active.reopenAndCheck(Long.MIN_VALUE);
            } finally {
                writeLock.unlock();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("outbox " + dir + " is closed");
        }
    }

    private static void runIsolated(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            OutboxLog.LOG.warn("outbox append listener failed", e);
        }
    }

    @Override
    public void close() {
        flusher.stop();
        writeLock.lock();
        segments.exclusive().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            active.closeAll(acked.get());
            losses.close();
        } finally {
            segments.exclusive().unlock();
            writeLock.unlock();
        }
    }
}
