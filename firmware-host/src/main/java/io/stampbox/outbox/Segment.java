package io.stampbox.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    private Segment(SegmentName name, Path file, JournaledVolume volume, boolean exists) {
        this.name = name;
        this.file = file;
        this.volume = volume;
        this.db = DBMaker.volumeDB(volume, exists).make();
        this.events = db.treeMap("events", Serializer.LONG, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().createOrOpen();
        this.cards = db.treeMap("cards", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.acked = db.atomicLong("ackedThrough").createOrOpen();
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
        return new Segment(name, file, volume, true);
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
            fresh.db.commit();
        } finally {
            fresh.db.close();
        }
        Files.deleteIfExists(CommitJournal.journalOf(tmp));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        Segment segment = open(dir, name, checkpointBytes);
        // Makes the rename and the new (empty) journal's name durable before anything is appended.
        SegmentFiles.syncDirectory(dir);
        return segment;
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

    byte[] get(long seq) {
        return events.get(seq);
    }

    void put(long seq, byte[] payload) {
        events.put(seq, payload);
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
