package io.stampbox.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * One MapDB store file of the outbox: the events with seq {@code firstSeq} up to at most
 * {@code firstSeq + capacity - 1}, plus (in the newest segment) the acknowledged-through mark and the
 * card stamps. Each commit is atomic through {@link JournaledVolume}.
 */
final class Segment {

    final SegmentName name;
    final Path file;
    private final JournaledVolume volume;
    private final DB db;
    private final BTreeMap<Long, byte[]> events;
    private final BTreeMap<String, Long> cards;
    private final Atomic.Long acked;
    private final Atomic.Integer format;
    private final boolean checked;

    private Segment(SegmentName name, Path file, JournaledVolume volume, boolean exists) {
        this.name = name;
        this.file = file;
        this.volume = volume;
        this.db = DBMaker.volumeDB(volume, exists).make();
        this.events = db.treeMap("events", Serializer.LONG, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().createOrOpen();
        this.cards = db.treeMap("cards", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.acked = db.atomicLong("ackedThrough").createOrOpen();
        this.format = db.atomicInteger("eventFormat").createOrOpen();
        this.checked = format.get() == EventCodec.CHECKED;
    }

    /** Opens an existing store file, taking back the commits its journal holds. */
    static Segment open(Path dir, SegmentName name, long checkpointBytes) throws IOException {
        Path file = dir.resolve(name.fileName());
        if (Files.size(file) == 0 && !Files.exists(CommitJournal.journalOf(file))) {
            throw new IOException("outbox store " + file + " is empty");
        }
        JournaledVolume volume = new JournaledVolume(file, checkpointBytes);
        if (volume.replayedCommits() > 0) {
            OutboxLog.LOG.info("outbox store {}: {} commits taken back from its journal", file,
                    volume.replayedCommits());
        }
        Segment segment = new Segment(name, file, volume, true);
        int format = segment.format.get();
        if (format != EventCodec.LEGACY && format != EventCodec.CHECKED) {
            throw new IOException("outbox store " + file + ": unknown event format " + format);
        }
        return segment;
    }

    /**
     * What open found wrong with this store's journal, or null: recorded damage, or (for a store of the
     * checked format, whose journal always holds at least a record) a journal that is gone or empty.
     */
    String damage() {
        if (volume.damage() != null) {
            return volume.damage();
        }
        if (checked() && volume.journalWasEmpty()) {
            return "its journal is empty or missing (a store of this format always keeps one): commits since"
                    + " the last checkpoint are lost";
        }
        return null;
    }

    /** Checksummed commits found after the damage in the journal (see {@link JournaledVolume}). */
    List<CommitJournal.Commit> commitsAfterDamage() {
        return volume.commitsAfterDamage();
    }

    /** After damage was reported and the files copied aside: keep what was taken back, drop the rest. */
    void restartJournal() throws IOException {
        volume.restartJournal();
    }

    /** True when every event here carries a checksum (stores made before it had none). */
    boolean checked() {
        return checked;
    }

    /**
     * Creates a new store file under a temporary name, commits and closes it, then renames it into
     * place and syncs the directory, so that a crash never leaves a half-created store behind.
     */
    static Segment create(Path dir, SegmentName name, Map<String, Long> cardStamps, long ackedThrough,
            long checkpointBytes) throws IOException {
        Path file = dir.resolve(name.fileName());
        Path tmp = dir.resolve(name.fileName() + ".tmp");
        SegmentFiles.deleteWithJournal(tmp);
        Segment fresh = new Segment(name, tmp, new JournaledVolume(tmp, checkpointBytes), false);
        try {
            fresh.cards.putAll(cardStamps);
            fresh.acked.set(ackedThrough);
            fresh.format.set(EventCodec.CHECKED);
            fresh.db.commit();
        } finally {
            fresh.db.close();
        }
        // The journal (closed with a record and no ranges: never empty) first; a crash between the two
        // renames leaves a journal without its store, which open deletes, and the temp store.
        Files.move(CommitJournal.journalOf(tmp), CommitJournal.journalOf(file), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        Segment segment = open(dir, name, checkpointBytes);
        // Makes the rename and the new (empty) journal's name durable before anything is appended.
        SegmentFiles.syncDirectory(dir);
        return segment;
    }

    /**
     * Events in [from, to] that a damaged store's copy still holds with a valid checksum, read with the
     * commits after the damage applied (see {@link JournaledVolume}); the copy is never written.
     */
    static Map<Long, byte[]> salvage(Path copy, SegmentName name, long from, long to) throws IOException {
        Segment s = new Segment(name, copy, new JournaledVolume(copy, Long.MAX_VALUE, true), true);
        try {
            Map<Long, byte[]> found = new java.util.TreeMap<>();
            if (!s.checked()) {
                return found;
            }
            for (long seq = from; seq <= to; seq++) {
                byte[] payload = s.get(seq, false);
                if (payload != null && payload != EventCodec.BAD) {
                    found.put(seq, payload);
                }
            }
            return found;
        } finally {
            s.abandon();
        }
    }

    /** Reads what open needs, so that a damaged store fails (or hangs) here, under the open guard. */
    void verify() {
        lastSeq();
        acked.get();
        cards.size();
    }

    long firstSeq() {
        return name.firstSeq();
    }

    /** The highest seq stored here, or firstSeq - 1 when empty. */
    long lastSeq() {
        return events.isEmpty() ? name.firstSeq() - 1 : events.lastKey();
    }

    /**
     * The payload stored under {@code seq}, null when there is none, {@link EventCodec#BAD} when it is
     * there but fails its checksum (or the store cannot read it).
     */
    byte[] get(long seq) {
        return get(seq, true);
    }

    private byte[] get(long seq, boolean logFailure) {
        byte[] stored;
        try {
            stored = events.get(seq);
        } catch (RuntimeException e) {
            if (logFailure) {
                OutboxLog.LOG.error("outbox store {}: seq {} cannot be read: {}", file, seq, e.toString());
            }
            return EventCodec.BAD;
        }
        if (stored == null || !checked()) {
            return stored;
        }
        return EventCodec.decode(seq, stored);
    }

    void put(long seq, byte[] payload) {
        events.put(seq, checked() ? EventCodec.encode(seq, payload) : payload);
    }

    void putCards(Map<String, Long> stamps) {
        cards.putAll(stamps);
    }

    Map<String, Long> cards() {
        return cards;
    }

    long ackedThrough() {
        return acked.get();
    }

    void setAckedThrough(long seq) {
        if (acked.get() != seq) {
            acked.set(seq);
        }
    }

    /** Makes everything put since the last commit durable, atomically. */
    void commit() {
        db.commit();
    }

    /** Commits what is pending and closes the store. */
    void close() {
        db.close();
    }

    /** Closes the store dropping everything since the last commit (the file keeps the last commit). */
    void abandon() {
        volume.abandon();
        try {
            db.close();
        } catch (RuntimeException e) {
            OutboxLog.LOG.debug("outbox store {}: close after failure: {}", file, e.toString());
        }
    }
}
