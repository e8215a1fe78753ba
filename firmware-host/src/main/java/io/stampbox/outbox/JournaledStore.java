package io.stampbox.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * One store file and its journal as bytes: the page overlay MapDB writes into, the commit (one journal
 * record, fdatasynced), the checkpoint (dirty pages into the store file) and the replay of the journal at
 * open. {@link JournaledVolume} describes the protocol and adapts this to MapDB's {@code Volume}.
 *
 * <p>Not thread-safe: its owner, {@link JournaledVolume}, holds its monitor around every call.
 */
final class JournaledStore {

    static final int PAGE = CommitJournal.PAGE;
    private static final long GROWTH = 16 * 1024;

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

    /**
     * Opens the store file and takes the complete commits of its journal back into memory; with
     * {@code salvage}, also the checksummed commits found after damage (see {@link JournaledVolume}).
     */
    JournaledStore(Path path, long checkpointBytes, boolean salvage) throws IOException {
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
    void restartJournal() throws IOException {
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
        JournaledVolume.PAGES_WRITTEN.add((grown - usable) / PAGE);
        journalSize = grown;
    }

    /**
     * The commit: appends the byte ranges changed since the last commit to the journal as one record and
     * fdatasyncs it (nothing when nothing changed); checkpoints once the journal holds
     * {@code checkpointBytes}.
     */
    void commit() {
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
        JournaledVolume.PAGES_WRITTEN.add(record.capacity() / PAGE);
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
        JournaledVolume.PAGES_WRITTEN.add(pages.changedPages());
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

    /** A clean close: commits what is left, checkpoints, and leaves a journal of one marker. */
    void commitAndCheckpoint() throws IOException {
        commit();
        checkpoint();
        // Not forced: should they be lost, the next open replays records already applied.
        writeMarker();
        journal.truncate(2L * PAGE);
    }

    void closeChannels() {
        try {
            journal.close();
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException("outbox store " + path + ": close failed", e);
        }
    }

    void write(long offset, byte[] src, int srcPos, int len) {
        pages.write(offset, src, srcPos, len);
        logicalLength = Math.max(logicalLength, offset + len);
    }

    void read(long offset, byte[] dst, int dstPos, int len) {
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

    void ensureAvailable(long offset) {
        logicalLength = Math.max(logicalLength, offset);
    }

    long length() {
        return logicalLength;
    }
}
