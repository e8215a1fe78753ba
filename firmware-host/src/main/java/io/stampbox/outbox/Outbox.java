package io.stampbox.outbox;

import java.util.List;
import java.util.Map;

/**
 * The durable queue of scan events between the counter and the uplink, plus the small per-card state
 * that must survive a restart (last stamp times, for cooldowns) and is written in the same commit.
 *
 * <p>Threads: one appender (the scan pipeline) and one reader/acknowledger (the uplink) may call at the
 * same time. {@link #append} returns only once its events are durable on disk.
 */
public interface Outbox extends AutoCloseable {

    /** The seq the next appended event must carry: 1 for a new unit, then without gaps forever. */
    long nextSeq();

    /**
     * Durably records the events, which must carry seq {@link #nextSeq()}, +1, +2… in order, together
     * with card stamp times (card id to epoch millis), in one commit. Either all of it is kept or none.
     *
     * @throws OutboxException FULL when {@code storage.maxEvents} would be exceeded, IO when the disk
     *     refused the write; the outbox stays usable and {@link #nextSeq()} is unchanged
     */
    void append(List<StoredEvent> events, Map<String, Long> cardStamps) throws OutboxException;

    /** Up to {@code max} pending events with seq at or above {@code fromSeq}, in seq order. */
    List<StoredEvent> read(long fromSeq, int max);

    /**
     * Every event up to and including {@code seq} reached the cloud and may be forgotten. Persisted
     * lazily: after a crash a few acknowledged events may be sent again (at least once).
     */
    void acknowledgeThrough(long seq);

    /** Events appended and not yet acknowledged. */
    long depth();

    /** The lowest pending seq, or 0 when nothing is pending. */
    long oldestPendingSeq();

    /** Card stamp times kept so far (card id to epoch millis), as loaded at open plus later appends. */
    Map<String, Long> cardStamps();

    /** Card stamps older than this many millis may be dropped when the store compacts or rotates. */
    void retainCardStampsFor(long millis);

    /**
     * Ranges of seqs the outbox lost (damaged or deleted storage), the most recent last, at most a few
     * dozen: those events may have been accepted and will never be published. Empty when none.
     */
    default List<SeqRange> lostSeqs() {
        return List.of();
    }

    /** Called (on the appender's thread, after the commit) whenever events were appended. */
    void onAppend(Runnable listener);

    /** Commits anything pending (acknowledgements) and closes the store. */
    @Override
    void close();
}
