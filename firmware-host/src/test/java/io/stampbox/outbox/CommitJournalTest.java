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
}
