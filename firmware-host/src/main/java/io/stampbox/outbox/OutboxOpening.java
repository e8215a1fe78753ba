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
 * moves aside what cannot be opened, and works out nextSeq, the acknowledged mark and the card stamps.
 */
final class OutboxOpening {

    /** What the outbox starts from. */
    record State(TreeMap<Long, Segment> segments, Segment active, long nextSeq, long ackedThrough,
            Map<String, Long> cardStamps, List<String> notes) {}

    private final Path dir;
    private final Clock clock;
    private final MapDbOutbox.Settings settings;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();
    private long lostEndSeq = 1;

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
            throw e;
        }
    }

    private State openAll() throws IOException {
        for (SegmentName name : SegmentFiles.list(dir)) {
            openOrMoveAside(name);
        }
        long nextSeq = lostEndSeq;
        long acked = 0;
        Map<String, Long> cards = new HashMap<>();
        for (Segment s : segments.values()) {
            nextSeq = Math.max(nextSeq, Math.max(s.firstSeq(), s.lastSeq() + 1));
            acked = Math.max(acked, s.ackedThrough());
            s.cards().forEach((card, at) -> cards.merge(card, at, Math::max));
        }
        acked = Math.min(Math.max(acked, firstPresentAfter(acked, nextSeq) - 1), nextSeq - 1);
        Segment active = segments.isEmpty() ? null : segments.lastEntry().getValue();
        if (active == null || lostEndSeq > active.firstSeq()) {
            SegmentName name = new SegmentName(nextSeq, settings.segmentEvents());
            active = Segment.create(dir, name, cards, acked, settings.checkpointBytes());
            segments.put(nextSeq, active);
        }
        return new State(segments, active, nextSeq, acked, cards, List.copyOf(notes));
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
            lostEndSeq = Math.max(lostEndSeq, name.endSeq());
        }
    }
}
