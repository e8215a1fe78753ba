package io.stampbox.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The redo journal of one store file: the commits made since the store file was last brought up to
 * date, each as the byte ranges it changed. A record is: magic (8), commit number (8), body length
 * (4), CRC32C of commit number and body (4), body = range count (4) then per range offset (8), length
 * (4), bytes; padded with zeros to a whole 4 KiB page, so that appending a record never rewrites a page
 * that holds an earlier one. A commit exists only when its whole record is there, its checksum matches
 * and its number follows the one before; reading stops at the first record that does not.
 */
final class CommitJournal {

    static final int PAGE = 4096;
    private static final long MAGIC = 0x5342_4a52_4e4c_3032L; // "SBJRNL02"
    private static final int HEADER = 24;

    /** One changed byte range of the store file. */
    record Range(long offset, byte[] bytes) {}

    /** A decoded commit. */
    record Commit(long number, List<Range> ranges) {}

    /** The complete commits found, and where the journal's valid part ends. */
    record Contents(List<Commit> commits, long validEnd) {}

    private CommitJournal() {}

    static Path journalOf(Path store) {
        return store.resolveSibling(store.getFileName() + ".log");
    }

    /** Encodes a commit as one page-aligned record. */
    static ByteBuffer encode(Commit commit) {
        int bodyLength = 4;
        for (Range r : commit.ranges()) {
            bodyLength += 12 + r.bytes().length;
        }
        int total = (HEADER + bodyLength + PAGE - 1) / PAGE * PAGE;
        ByteBuffer buf = ByteBuffer.allocate(total);
        buf.position(HEADER);
        buf.putInt(commit.ranges().size());
        for (Range r : commit.ranges()) {
            buf.putLong(r.offset()).putInt(r.bytes().length).put(r.bytes());
        }
        buf.putLong(0, MAGIC).putLong(8, commit.number()).putInt(16, bodyLength);
        buf.putInt(20, checksum(buf, bodyLength));
        buf.clear();
        return buf;
    }

    private static int checksum(ByteBuffer record, int bodyLength) {
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 8, 8);
        crc.update(record.array(), HEADER, bodyLength);
        return (int) crc.getValue();
    }

    /** Reads the complete commits from the start of the journal. */
    static Contents read(FileChannel journal) throws IOException {
        List<Commit> commits = new ArrayList<>();
        long size = journal.size();
        long pos = 0;
        while (pos + HEADER <= size) {
            ByteBuffer head = ByteBuffer.allocate(HEADER);
            readFully(journal, head, pos);
            int bodyLength = head.getInt(16);
            long number = head.getLong(8);
            long total = ((long) HEADER + bodyLength + PAGE - 1) / PAGE * PAGE;
            boolean follows = commits.isEmpty()
                    || number == commits.get(commits.size() - 1).number() + 1;
            if (head.getLong(0) != MAGIC || bodyLength < 4 || pos + HEADER + bodyLength > size
                    || !follows) {
                break;
            }
            ByteBuffer record = ByteBuffer.allocate(HEADER + bodyLength);
            readFully(journal, record, pos);
            if (checksum(record, bodyLength) != head.getInt(20)) {
                break;
            }
            commits.add(new Commit(number, decode(record)));
            pos += total;
        }
        return new Contents(commits, pos);
    }

    private static List<Range> decode(ByteBuffer record) {
        record.position(HEADER);
        int count = record.getInt();
        List<Range> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long offset = record.getLong();
            byte[] bytes = new byte[record.getInt()];
            record.get(bytes);
            ranges.add(new Range(offset, bytes));
        }
        return ranges;
    }

    static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of journal at " + pos);
            }
            pos += n;
        }
    }
}
