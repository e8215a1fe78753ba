package io.stampbox.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.mapdb.DataInput2;
import org.mapdb.volume.Volume;

/**
 * A MapDB volume over one store file that makes each {@link #sync()} (MapDB's commit) an atomic,
 * durable commit — which plain MapDB 3 cannot promise, because its own WAL holds only part of a
 * commit and is never replayed on open.
 *
 * <p>Writes stay in memory (dirty pages). {@code sync()} appends the byte ranges changed since the
 * last sync to the journal as one checksummed record and fdatasyncs it: that is the commit point, and
 * the store file is not touched. Every {@code checkpointBytes} of journal (and at close) a
 * checkpoint writes the dirty pages into the store file, fdatasyncs it and starts the journal over. On
 * open the journal's complete records are loaded into memory again, so the store reads as of the last
 * commit whatever moment a crash hit: a torn record is ignored, a torn checkpoint is redone.
 *
 * <p>This class is the adapter to MapDB's {@code Volume} API and the lock; the pages, the journal and
 * the checkpoint are {@link JournaledStore}'s.
 *
 * <p>Thread-safe by one monitor: MapDB reads from the uplink thread while the appender writes.
 */
final class JournaledVolume extends Volume {

    static final int PAGE = CommitJournal.PAGE;

    /** 4 KiB pages this process wrote to journals and store files (for the benchmark's wear figure). */
    static final LongAdder PAGES_WRITTEN = new LongAdder();

    private final Path path;
    private final JournaledStore store;
    private boolean abandoned;

    /** Opens the store file and takes the complete commits of its journal back into memory. */
    JournaledVolume(Path path, long checkpointBytes) throws IOException {
        this(path, checkpointBytes, false);
    }

    /**
     * With {@code salvage}, also applies the checksummed commits found after damage, skipping the
     * damaged one: an inconsistent state, only to read events that then prove themselves by checksum,
     * from a copy, abandoned afterwards.
     */
    JournaledVolume(Path path, long checkpointBytes, boolean salvage) throws IOException {
        this.path = path;
        this.store = new JournaledStore(path, checkpointBytes, salvage);
    }

    /** How many committed but not yet checkpointed commits open took from the journal. */
    int replayedCommits() {
        return store.replayedCommits();
    }

    /** What open found wrong with the journal (commits after the damage are not taken back), or null. */
    String damage() {
        return store.damage();
    }

    /** Checksummed commits found after the damage: they cannot be applied without the damaged one. */
    List<CommitJournal.Commit> commitsAfterDamage() {
        return store.commitsAfterDamage();
    }

    /** True when the journal had no bytes at open (a new store, or one whose journal was lost). */
    boolean journalWasEmpty() {
        return store.journalWasEmpty();
    }

    /**
     * After damage: writes the commits taken back into the store file and starts a journal that holds
     * only a record without ranges, so the damaged records (kept in the moved-aside copy) are read no more.
     */
    synchronized void restartJournal() throws IOException {
        store.restartJournal();
    }

    /** After this, close() drops uncommitted changes instead of committing them. */
    synchronized void abandon() {
        abandoned = true;
    }

    @Override
    public synchronized void sync() {
        if (closed.get() || abandoned) {
            return;
        }
        store.commit();
    }

    @Override
    public synchronized void close() {
        if (closed.get()) {
            return;
        }
        try {
            if (!abandoned) {
                store.commitAndCheckpoint();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("outbox store " + path + ": checkpoint at close failed", e);
        } finally {
            closed.set(true);
            store.closeChannels();
        }
    }

    // ---- the Volume API ----

    @Override
    public synchronized void ensureAvailable(long offset) {
        store.ensureAvailable(offset);
    }

    @Override
    public synchronized void truncate(long size) {
        // MapDB calls this only when compacting, which the outbox never does.
        throw new UnsupportedOperationException("outbox store " + path + ": truncate not supported");
    }

    @Override
    public synchronized void putLong(long offset, long value) {
        store.write(offset, ByteBuffer.allocate(8).putLong(0, value).array(), 0, 8);
    }

    @Override
    public synchronized void putInt(long offset, int value) {
        store.write(offset, ByteBuffer.allocate(4).putInt(0, value).array(), 0, 4);
    }

    @Override
    public synchronized void putByte(long offset, byte value) {
        store.write(offset, new byte[] {value}, 0, 1);
    }

    @Override
    public synchronized void putData(long offset, byte[] src, int srcPos, int srcSize) {
        store.write(offset, src, srcPos, srcSize);
    }

    @Override
    public synchronized void putData(long offset, ByteBuffer buf) {
        ByteBuffer b = buf.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        store.write(offset, bytes, 0, bytes.length);
    }

    @Override
    public synchronized void clear(long startOffset, long endOffset) {
        for (long pos = startOffset; pos < endOffset; pos += PAGE) {
            int n = (int) Math.min(PAGE, endOffset - pos);
            store.write(pos, new byte[n], 0, n);
        }
    }

    @Override
    public synchronized long getLong(long offset) {
        byte[] b = new byte[8];
        store.read(offset, b, 0, 8);
        return ByteBuffer.wrap(b).getLong();
    }

    @Override
    public synchronized int getInt(long offset) {
        byte[] b = new byte[4];
        store.read(offset, b, 0, 4);
        return ByteBuffer.wrap(b).getInt();
    }

    @Override
    public synchronized byte getByte(long offset) {
        byte[] b = new byte[1];
        store.read(offset, b, 0, 1);
        return b[0];
    }

    @Override
    public synchronized DataInput2 getDataInput(long offset, int size) {
        byte[] b = new byte[size];
        store.read(offset, b, 0, size);
        return new DataInput2.ByteArray(b);
    }

    @Override
    public synchronized void getData(long offset, byte[] bytes, int bytesPos, int size) {
        store.read(offset, bytes, bytesPos, size);
    }

    @Override
    public int sliceSize() {
        return -1;
    }

    @Override
    public boolean isSliced() {
        return false;
    }

    @Override
    public synchronized long length() {
        return store.length();
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public java.io.File getFile() {
        return path.toFile();
    }

    @Override
    public boolean getFileLocked() {
        return false;
    }
}
