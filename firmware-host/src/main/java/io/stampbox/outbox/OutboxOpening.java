package io.stampbox.outbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings an outbox directory back at start: opens every segment (completing interrupted commits),
 * moves aside what cannot be opened, copies aside and cuts back a segment whose journal is damaged,
 * and works out nextSeq, the acknowledged mark and the card stamps. Every seq that may have been used
 * and is not there any more (above the acknowledged mark) is reported as lost and recorded in the
 * {@link SeqLedger}; when the newest segment is not whole, seq goes on above the ledger's mark (or the
 * lost segment's capacity, whichever is lower), never below a seq that may have been used.
 */
final class OutboxOpening {

    /** What the outbox starts from. */
    record State(TreeMap<Long, Segment> segments, Segment active, long nextSeq, long ackedThrough,
            Map<String, Long> cardStamps, List<String> notes, SeqLedger ledger, List<SeqRange> gaps) {}

    private final Path dir;
    private final Clock clock;
    private final MapDbOutbox.Settings settings;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<SegmentName> impaired = new ArrayList<>();
    private final List<SeqRange> gaps = new ArrayList<>();
    private final List<SeqRange> internalGaps = new ArrayList<>();
    private long lostEndSeq = 1;
    private SeqLedger ledger;

    OutboxOpening(Path dir, Clock clock, MapDbOutbox.Settings settings) {
        this.dir = dir;
        this.clock = clock;
        this.settings = settings;
    }

    State run() throws IOException {
        try {
            return openAll();
        } catch (IOException | RuntimeException e) {
            segments.values().forEach(Segment::abandon);
            if (ledger != null) {
                ledger.close();
            }
            throw e;
        }
    }

    private State openAll() throws IOException {
        SeqLedger.Found found = SeqLedger.read(dir);
        if (found.problem() != null) {
            note(found.problem());
        }
        for (SegmentName name : SegmentFiles.list(dir)) {
            openOrMoveAside(name);
        }
        for (Segment s : List.copyOf(segments.values())) {
            cutBackIfDamaged(s);
        }
        long segNext = lostEndSeq;
        long acked = found.slot() == null ? 0 : found.slot().acked();
        Map<String, Long> cards = new HashMap<>();
        for (Segment s : segments.values()) {
            segNext = Math.max(segNext, Math.max(s.firstSeq(), s.lastSeq() + 1));
            acked = Math.max(acked, s.ackedThrough());
            s.cards().forEach((card, at) -> cards.merge(card, at, Math::max));
        }
        Segment newest = segments.isEmpty() ? null : segments.lastEntry().getValue();
        long bound = newestBound(found, newest);
        long nextSeq = bound > 0 ? Math.max(segNext, bound) : segNext;
        ledger = SeqLedger.open(dir, found, nextSeq, newest == null ? 0 : newest.firstSeq(),
                settings.segmentEvents());
        reportGaps(Math.min(acked, nextSeq - 1), nextSeq);
        acked = Math.min(Math.max(acked, firstPresentAfter(acked, nextSeq) - 1), nextSeq - 1);
        Segment active = newest;
        if (active == null || bound > 0 || lostEndSeq > active.firstSeq() || !active.checked()) {
            // a fresh segment after a loss; also the migration of a store without event checksums
            if (active != null && active.firstSeq() == nextSeq) {
                segments.remove(nextSeq); // an empty older-format segment: replaced by a checked one
                active.close();
            }
            SegmentName name = new SegmentName(nextSeq, settings.segmentEvents());
            active = Segment.create(dir, name, cards, acked, settings.checkpointBytes());
            segments.put(nextSeq, active);
        }
        ledger.reserveThrough(nextSeq, acked, active.firstSeq());
        return new State(segments, active, nextSeq, acked, cards, List.copyOf(notes), ledger, List.copyOf(gaps));
    }

    /**
     * When the newest segment is not whole (cut back, moved aside, deleted) or everything is gone: the
     * first seq that was certainly never used; else 0. That is the ledger's mark, or, when the ledger
     * knows no newer segment than the impaired one, that segment's capacity if lower.
     */
    private long newestBound(SeqLedger.Found found, Segment newest) {
        long newestFirst = newest == null ? 0 : newest.firstSeq();
        SegmentName worst = null;
        for (SegmentName name : impaired) {
            if (name.firstSeq() >= newestFirst && (worst == null || name.firstSeq() > worst.firstSeq())) {
                worst = name;
            }
        }
        long ledgerActive = found.slot() == null ? 0 : found.slot().activeFirst();
        boolean deleted = found.slot() != null && ledgerActive > newestFirst
                && (worst == null || ledgerActive > worst.firstSeq());
        if (worst == null && !deleted) {
            return 0;
        }
        if (deleted) {
            note("outbox " + dir + ": the newest segment (seq " + ledgerActive + " on) is missing");
        }
        long bound = found.slot() == null ? Long.MAX_VALUE : found.bound();
        if (!deleted && worst.firstSeq() >= ledgerActive) {
            bound = Math.min(bound, worst.endSeq());
        }
        return bound == Long.MAX_VALUE ? worst.endSeq() : bound;
    }

    /** Every seq in (acked, nextSeq) that no segment holds was lost: report each range once, ever. */
    private void reportGaps(long acked, long nextSeq) throws IOException {
        long expect = acked + 1;
        for (Segment s : segments.values()) {
            if (s.lastSeq() < s.firstSeq() || s.lastSeq() < expect) {
                continue;
            }
            if (s.firstSeq() > expect) {
                gaps.add(new SeqRange(expect, Math.min(s.firstSeq(), nextSeq) - 1));
            }
            expect = s.lastSeq() + 1;
        }
        if (expect < nextSeq) {
            gaps.add(new SeqRange(expect, nextSeq - 1));
        }
        internalGaps.stream().filter(g -> g.to() > acked).forEach(gaps::add);
        for (SeqRange gap : gaps) {
            if (ledger.addLost(gap)) {
                note("outbox " + dir + ": seq " + gap + " lost (events that may have been accepted and are not"
                        + " in the outbox; the range may include seqs never used); seq goes on at " + nextSeq);
            }
        }
    }

    /** The lowest stored seq above {@code acked}: seqs below it are deleted or were lost. */
    private long firstPresentAfter(long acked, long nextSeq) {
        for (Segment s : segments.values()) {
            if (s.lastSeq() > acked) {
                return Math.max(acked + 1, s.firstSeq());
            }
        }
        return nextSeq;
    }

    /**
     * A segment whose journal is damaged keeps the commits before the damage: its files are copied
     * aside ({@code .corrupt-<UTC>}, for forensics), the commits taken back are written into its store
     * and its journal starts over. Commits after the damage are byte ranges against a state the damaged
     * one produced, so they cannot be applied; their events are reported lost.
     */
    private void cutBackIfDamaged(Segment s) throws IOException {
        String damage = s.damage();
        if (damage == null) {
            return;
        }
        Path aside = SegmentFiles.copyAside(s.file, clock);
        s.restartJournal();
        impaired.add(s.name);
        long kept = s.lastSeq();
        Map<Long, byte[]> saved = salvage(s, aside, kept);
        if (!saved.isEmpty()) {
            saved.forEach(s::put);
            s.commit();
            long expect = kept + 1;
            for (long seq : saved.keySet()) {
                if (seq > expect) {
                    internalGaps.add(new SeqRange(expect, seq - 1));
                }
                expect = seq + 1;
            }
        }
        note("outbox store " + s.file + ": " + damage + "; copied aside to " + aside.getFileName()
                + "; kept seq up to " + kept + (saved.isEmpty() ? "" : " and " + saved.size()
                + " later event(s) that prove themselves by checksum (" + saved.keySet() + ")")
                + "; the rest of the segment is lost");
    }

    /** The events after the damage that can be kept (see {@link Segment#salvage}); none on any trouble. */
    private Map<Long, byte[]> salvage(Segment s, Path aside, long kept) {
        if (s.commitsAfterDamage().isEmpty() || !s.checked()) {
            return Map.of();
        }
        try {
            return OpenGuard.withTimeout(() -> Segment.salvage(aside, s.name, kept + 1, s.name.endSeq() - 1),
                    settings.openTimeout(), "outbox-salvage-" + s.firstSeq(), "salvage of " + aside);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            OutboxLog.LOG.warn("outbox store {}: nothing could be read after the damage: {}", s.file, e.toString());
            return Map.of();
        }
    }

    private void openOrMoveAside(SegmentName name) throws IOException {
        try {
            segments.put(name.firstSeq(), OpenGuard.open(dir, name, settings));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Path file = dir.resolve(name.fileName());
            Path aside = SegmentFiles.moveAside(file, clock);
            String note = "outbox store " + file + " could not be opened (" + e
                    + "); moved aside to " + aside.getFileName() + "; its unacknowledged events"
                    + " (seq " + name.firstSeq() + " up to " + (name.endSeq() - 1) + ") are lost";
            OutboxLog.LOG.error(note, e);
            notes.add(note);
            impaired.add(name);
            lostEndSeq = Math.max(lostEndSeq, name.endSeq());
        }
    }

    private void note(String note) {
        OutboxLog.LOG.error(note);
        notes.add(note);
    }
}
