package io.stampbox.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
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
 * <p>Thread-safe by one monitor: MapDB reads from the uplink thread while the appender writes.
 */
final class JournaledVolume extends Volume {

    static final int PAGE = CommitJournal.PAGE;
    private static final long GROWTH = 16 * 1024;

    /** 4 KiB pages this process wrote to journals and store files (for the benchmark's wear figure). */
    static final LongAdder PAGES_WRITTEN = new LongAdder();

    private final Path path;
    private final FileChannel store;
    private final FileChannel journal;
    private final PageOverlay pages = new PageOverlay(this::readPage);
    private final int replayedCommits;
    private final long checkpointBytes;
    private final CommitJournal.Contents opened;
    private final boolean journalWasEmpty;
    private long journalSize;
    private long journalEnd;
    private long lastCommit;
    private long logicalLength;
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
        this.checkpointBytes = checkpointBytes;
        this.store = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE);
        this.journal = FileChannel.open(CommitJournal.journalOf(path), StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        this.logicalLength = store.size();
        this.journalSize = journal.size();
        this.journalWasEmpty = journalSize == 0;
        CommitJournal.Contents contents = CommitJournal.read(journal);
        this.opened = contents;
        List<CommitJournal.Commit> apply = new java.util.ArrayList<>(contents.commits());
        if (salvage) {
            apply.addAll(contents.after());
        }
        for (CommitJournal.Commit c : apply) {
            for (CommitJournal.Range r : c.ranges()) {
                write(r.offset(), r.bytes(), 0, r.bytes().length);
            }
            lastCommit = c.number();
        }
        pages.takeCommitDelta();
        this.replayedCommits = (int) contents.commits().stream().filter(c -> !c.ranges().isEmpty()).count();
        this.journalEnd = contents.validEnd();
    }

    /** How many committed but not yet checkpointed commits open took from the journal. */
    int replayedCommits() {
        return replayedCommits;
    }

    /** What open found wrong with the journal (commits after the damage are not taken back), or null. */
    String damage() {
        return opened.damage();
    }

    /** Checksummed commits found after the damage: they cannot be applied without the damaged one. */
    List<CommitJournal.Commit> commitsAfterDamage() {
        return opened.after();
    }

    /** True when the journal had no bytes at open (a new store, or one whose journal was lost). */
    boolean journalWasEmpty() {
        return journalWasEmpty;
    }

    /**
     * After damage: writes the commits taken back into the store file and starts a journal that holds
     * only a record without ranges, so the damaged records (kept in the moved-aside copy) are read no more.
     */
    synchronized void restartJournal() throws IOException {
        checkpoint();
        journal.truncate(0);
        journalSize = 0;
        journalEnd = 0;
        writeMarker();
        journal.force(true);
    }

    /** A record without ranges at offset 0 (the store file holds everything), then one free page. */
    private void writeMarker() throws IOException {
        ByteBuffer marker = CommitJournal.encode(new CommitJournal.Commit(lastCommit + 1, List.of()));
        ByteBuffer both = ByteBuffer.allocate(marker.capacity() + PAGE).put(marker);
        both.clear();
        CommitJournal.writeFully(journal, both, 0);
        lastCommit++;
        journalEnd = marker.capacity();
        journalSize = Math.max(journalSize, both.capacity());
    }

    /**
     * Keeps at least one page of journal after the record about to be written, growing the file with
     * zeros ahead of use (16 KiB at a time; the journal only grows in its first 256 KiB generation): a
     * record is then never cut by the end of the file unless the file was cut after it was written,
     * which open reports as damage.
     */
    private void reserve(int recordBytes) throws IOException {
        long needed = journalEnd + recordBytes + PAGE;
        long usable = journalSize / PAGE * PAGE;
        if (needed <= usable) {
            return;
        }
        long grown = Math.max(needed, usable + GROWTH);
        grown = (grown + PAGE - 1) / PAGE * PAGE;
        try {
            // Zeros one page per write: a large write would make a large page-cache folio that each
            // 4 KiB record would then dirty whole (Linux 6.16+ ext4). Blocks are taken now, so a full
            // disk shows here, before the record.
            for (long at = usable; at < grown; at += PAGE) {
                CommitJournal.writeFully(journal, ByteBuffer.allocate(PAGE), at);
            }
            journal.force(false);
        } catch (IOException e) {
            try {
                journal.truncate(journalSize); // a full disk: give back what was half taken
            } catch (IOException ignored) {
                OutboxLog.LOG.debug("outbox store {}: journal not cut back: {}", path, ignored.toString());
            }
            throw e;
        }
        PAGES_WRITTEN.add((grown - usable) / PAGE);
        journalSize = grown;
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
        List<CommitJournal.Range> delta = pages.takeCommitDelta();
        if (delta.isEmpty()) {
            return;
        }
        ByteBuffer record = CommitJournal.encode(new CommitJournal.Commit(lastCommit + 1, delta));
        try {
            reserve(record.capacity());
            CommitJournal.writeFully(journal, record, journalEnd);
            journal.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("outbox store " + path + ": commit not written ("
                    + e.getMessage() + ")", e);
        }
        journalEnd += record.capacity();
        lastCommit++;
        PAGES_WRITTEN.add(record.capacity() / PAGE);
        if (journalEnd >= checkpointBytes) {
            checkpointQuietly();
        }
    }

    /**
     * Writes every page changed since the last checkpoint into the store file and fdatasyncs it; the
     * next commit then starts the journal again at offset 0. The journal is overwritten in place, never
     * truncated, so that a commit is a data-only fdatasync: the records after the new ones are older
     * (their commit numbers do not follow) and reading stops there.
     */
    private void checkpoint() throws IOException {
        if (pages.changedPages() == 0) {
            return;
        }
        pages.forEachChange((offset, data, from, length) ->
                CommitJournal.writeFully(store, ByteBuffer.wrap(data, from, length), offset));
        store.force(false);
        PAGES_WRITTEN.add(pages.changedPages());
        journalEnd = 0;
        pages.checkpointed();
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (IOException e) {
            // The commits are safe in the journal; the next checkpoint tries again.
            OutboxLog.LOG.warn("outbox store {}: checkpoint failed, journal kept: {}", path,
                    e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (closed.get()) {
            return;
        }
        try {
            if (!abandoned) {
                sync();
                checkpoint();
                // Not forced: should they be lost, the next open replays records already applied.
                writeMarker();
                journal.truncate(2L * PAGE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("outbox store " + path + ": checkpoint at close failed", e);
        } finally {
            closed.set(true);
            closeChannels();
        }
    }

    private void closeChannels() {
        try {
            journal.close();
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException("outbox store " + path + ": close failed", e);
        }
    }

    private void write(long offset, byte[] src, int srcPos, int len) {
        pages.write(offset, src, srcPos, len);
        logicalLength = Math.max(logicalLength, offset + len);
    }

    private void read(long offset, byte[] dst, int dstPos, int len) {
        pages.read(offset, dst, dstPos, len);
    }

    private void readPage(long pos, byte[] page) throws IOException {
        Arrays.fill(page, (byte) 0);
        ByteBuffer buf = ByteBuffer.wrap(page);
        try {
            for (long p = pos; buf.hasRemaining(); ) {
                int n = store.read(buf, p);
                if (n < 0) {
                    return;
                }
                p += n;
            }
        } catch (IOException e) {
            throw new IOException("outbox store " + path + ": read at " + pos + " failed", e);
        }
    }

    // ---- the Volume API ----

    @Override
    public synchronized void ensureAvailable(long offset) {
        logicalLength = Math.max(logicalLength, offset);
    }

    @Override
    public synchronized void truncate(long size) {
        // MapDB calls this only when compacting, which the outbox never does.
        throw new UnsupportedOperationException("outbox store " + path + ": truncate not supported");
    }

    @Override
    public synchronized void putLong(long offset, long value) {
        write(offset, ByteBuffer.allocate(8).putLong(0, value).array(), 0, 8);
    }

    @Override
    public synchronized void putInt(long offset, int value) {
        write(offset, ByteBuffer.allocate(4).putInt(0, value).array(), 0, 4);
    }

    @Override
    public synchronized void putByte(long offset, byte value) {
        write(offset, new byte[] {value}, 0, 1);
    }

    @Override
    public synchronized void putData(long offset, byte[] src, int srcPos, int srcSize) {
        write(offset, src, srcPos, srcSize);
    }

    @Override
    public synchronized void putData(long offset, ByteBuffer buf) {
        ByteBuffer b = buf.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        write(offset, bytes, 0, bytes.length);
    }

    @Override
    public synchronized void clear(long startOffset, long endOffset) {
        for (long pos = startOffset; pos < endOffset; pos += PAGE) {
            int n = (int) Math.min(PAGE, endOffset - pos);
            write(pos, new byte[n], 0, n);
        }
    }

    @Override
    public synchronized long getLong(long offset) {
        byte[] b = new byte[8];
        read(offset, b, 0, 8);
        return ByteBuffer.wrap(b).getLong();
    }

    @Override
    public synchronized int getInt(long offset) {
        byte[] b = new byte[4];
        read(offset, b, 0, 4);
        return ByteBuffer.wrap(b).getInt();
    }

    @Override
    public synchronized byte getByte(long offset) {
        byte[] b = new byte[1];
        read(offset, b, 0, 1);
        return b[0];
    }

    @Override
    public synchronized DataInput2 getDataInput(long offset, int size) {
        byte[] b = new byte[size];
        read(offset, b, 0, size);
        return new DataInput2.ByteArray(b);
    }

    @Override
    public synchronized void getData(long offset, byte[] bytes, int bytesPos, int size) {
        read(offset, bytes, bytesPos, size);
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
        return logicalLength;
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
