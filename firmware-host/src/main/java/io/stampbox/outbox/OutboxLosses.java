package io.stampbox.outbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the outbox lost and says so: the notes of open (moved aside, cut back, gaps), events that fail
 * their checksum when read (never handed out; logged at ERROR once, recorded as lost in the
 * {@link SeqLedger}, listeners told), and the ledger itself, which also keeps seq from ever going back.
 */
final class OutboxLosses implements AutoCloseable {

    private final Path dir;
    private final SeqLedger ledger;
    private final List<String> notes;
    private final Set<Long> bad = ConcurrentHashMap.newKeySet();
    private final List<SeqRange> pending;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    OutboxLosses(Path dir, SeqLedger ledger, List<String> openNotes, List<SeqRange> gaps) {
        this.dir = dir;
        this.ledger = ledger;
        this.notes = new CopyOnWriteArrayList<>(openNotes);
        this.pending = new CopyOnWriteArrayList<>(gaps);
    }

    /** How many seqs in (acked, next) are lost, so that depth never counts them as pending. */
    long lostBetween(long acked, long next) {
        long n = 0;
        for (SeqRange r : pending) {
            n += Math.max(0, Math.min(r.to(), next - 1) - Math.max(r.from(), acked + 1) + 1);
        }
        return n;
    }

    /** Before a commit that uses seqs up to {@code lastSeq} in the segment starting at {@code activeFirst}. */
    void reserve(long lastSeq, long ackedNow, long activeFirst) throws IOException {
        ledger.reserveThrough(lastSeq, ackedNow, activeFirst);
    }

    /** A stored event failed its checksum (or could not be read): it is lost, and that is said once. */
    void badEvent(long seq) {
        if (!bad.add(seq)) {
            return;
        }
        pending.add(new SeqRange(seq, seq));
        String note = "outbox " + dir + ": the stored event of seq " + seq + " fails its checksum; it is not"
                + " published and counts as lost";
        OutboxLog.LOG.error(note);
        notes.add(note);
        try {
            ledger.addLost(new SeqRange(seq, seq));
        } catch (IOException | RuntimeException e) {
            OutboxLog.LOG.error("outbox {}: cannot record seq {} as lost: {}", dir, seq, e.toString());
        }
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                OutboxLog.LOG.warn("outbox loss listener failed", e);
            }
        }
    }

    boolean isBad(long seq) {
        return bad.contains(seq);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    List<SeqRange> lost() {
        return ledger.lost();
    }

    void onLoss(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        ledger.close();
    }
}
