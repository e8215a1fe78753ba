package io.stampbox.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitJournalTest {

    @TempDir
    Path dir;

    static CommitJournal.Commit commit(long number, int size) {
        return new CommitJournal.Commit(number,
                List.of(new CommitJournal.Range(100 * number, new byte[size])));
    }

    private FileChannel journal() throws Exception {
        return FileChannel.open(dir.resolve("j.log"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Test
    void recordsArePageAlignedAndReadBackInOrder() throws Exception {
        try (FileChannel ch = journal()) {
            ByteBuffer first = CommitJournal.encode(commit(7, 10));
            ByteBuffer second = CommitJournal.encode(commit(8, 5000));
            assertEquals(4096, first.capacity());
            assertEquals(8192, second.capacity());
            CommitJournal.writeFully(ch, first, 0);
            CommitJournal.writeFully(ch, second, 4096);
            CommitJournal.Contents c = CommitJournal.read(ch);
            assertEquals(List.of(7L, 8L),
                    c.commits().stream().map(CommitJournal.Commit::number).toList());
            assertEquals(12288, c.validEnd());
            assertEquals(800, c.commits().get(1).ranges().get(0).offset());
            assertArrayEquals(new byte[5000], c.commits().get(1).ranges().get(0).bytes());
        }
    }

    @Test
    void readingStopsAtATornRecord() throws Exception {
        try (FileChannel ch = journal()) {
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(1, 10)), 0);
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(2, 10)), 4096);
            CommitJournal.writeFully(ch, ByteBuffer.wrap(new byte[] {9}), 4096 + 40);
            assertEquals(1, CommitJournal.read(ch).commits().size());
            assertEquals(4096, CommitJournal.read(ch).validEnd());
        }
    }

    @Test
    void readingStopsAtAStaleRecordWhoseNumberDoesNotFollow() throws Exception {
        try (FileChannel ch = journal()) {
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(1, 10)), 0);
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(2, 10)), 4096);
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(9, 10)), 0);
            assertEquals(List.of(9L), CommitJournal.read(ch).commits().stream()
                    .map(CommitJournal.Commit::number).toList());
        }
    }

    @Test
    void aRecordCutShortIsNotACommit() throws Exception {
        try (FileChannel ch = journal()) {
            ByteBuffer record = CommitJournal.encode(commit(1, 3000));
            record.limit(2000);
            CommitJournal.writeFully(ch, record, 0);
            assertEquals(0, CommitJournal.read(ch).commits().size());
        }
    }

    /** A kill stops a write between pages: a multi-page record without its last page was never committed. */
    @Test
    void aMultiPageRecordMissingItsLastPageIsTheEndNotDamage() throws Exception {
        try (FileChannel ch = journal()) {
            CommitJournal.writeFully(ch, ByteBuffer.allocate(8 * 4096), 0); // grown ahead with zeros
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(1, 10)), 0);
            byte[] bytes = new byte[6000];
            java.util.Arrays.fill(bytes, (byte) 7);
            ByteBuffer big = CommitJournal.encode(new CommitJournal.Commit(2, List.of(new CommitJournal.Range(0, bytes))));
            big.limit(4096); // only the first of its two pages made it
            CommitJournal.writeFully(ch, big, 4096);
            CommitJournal.Contents c = CommitJournal.read(ch);
            assertEquals(1, c.commits().size());
            assertEquals(false, c.damaged(), c.damage());
        }
    }

    @Test
    void aCompleteRecordThatFailsItsChecksumIsDamageAndLaterCommitsAreFound() throws Exception {
        try (FileChannel ch = journal()) {
            CommitJournal.writeFully(ch, ByteBuffer.allocate(8 * 4096), 0);
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(1, 10)), 0);
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(2, 6000)), 4096);
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(3, 10)), 3 * 4096);
            CommitJournal.writeFully(ch, ByteBuffer.wrap(new byte[] {9}), 4096 + 5000); // body of commit 2
            CommitJournal.Contents c = CommitJournal.read(ch);
            assertEquals(1, c.commits().size());
            assertEquals(true, c.damaged());
            assertEquals(List.of(3L), c.after().stream().map(CommitJournal.Commit::number).toList());
        }
    }

    @Test
    void aFlippedMagicOrNumberIsRecoveredByTheChecksumAndAStaleRecordIsTheEnd() throws Exception {
        try (FileChannel ch = journal()) {
            CommitJournal.writeFully(ch, ByteBuffer.allocate(8 * 4096), 0);
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(5, 10)), 4096); // an older generation
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(6, 10)), 2 * 4096);
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(9, 10)), 0);
            CommitJournal.writeFully(ch, ByteBuffer.wrap(new byte[] {0x7f}), 3); // magic
            CommitJournal.Contents c = CommitJournal.read(ch);
            assertEquals(List.of(9L), c.commits().stream().map(CommitJournal.Commit::number).toList());
            assertEquals(false, c.damaged(), c.damage());
        }
    }

    @Test
    void aJournalCutJustAfterItsLastRecordIsDamage() throws Exception {
        try (FileChannel ch = journal()) {
            CommitJournal.writeFully(ch, CommitJournal.encode(commit(1, 10)), 0);
            assertEquals(true, CommitJournal.read(ch).damaged(), "a page is always kept after the last record");
        }
    }
}
