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
 * date, each as the byte ranges it changed. A record (format 3) is: header = magic (8), commit number
 * (8), body length (4), CRC32C of commit number, body length and body (4), the body length inverted (4),
 * zero (4); body = range count (4) then per range offset (8), length (4), bytes; zeros up to a whole
 * 4 KiB page; the last 16 bytes of its last page are a trailer (second magic, commit number) outside
 * the checksum. A record never shares a page with another, and {@link JournaledVolume} keeps at least
 * one page of journal after the last record (grown with zeros ahead of use, never truncated there), so a
 * record cut by the end of the file was cut after it was written.
 *
 * <p>Reading ({@link #read}) sorts every position into a commit, the clean end of the journal, or
 * damage: see {@link Verdict}; {@link JournalPosition} judges one position. Format 2 records (no trailer,
 * no inverted length) of an older version are still read, the old way: up to the first that does not
 * check out.
 */
final class CommitJournal {

    static final int PAGE = 4096;
    static final long MAGIC = 0x5342_4a52_4e4c_3033L; // "SBJRNL03"
    static final long MAGIC_V2 = 0x5342_4a52_4e4c_3032L; // "SBJRNL02"
    static final long TRAILER = 0x5342_4a45_4e44_3033L; // "SBJEND03"
    static final int HEADER = 32;
    static final int HEADER_V2 = 24;
    static final int TRAILER_BYTES = 16;

    /** One changed byte range of the store file. */
    record Range(long offset, byte[] bytes) {}

    /** A decoded commit. */
    record Commit(long number, List<Range> ranges) {}

    /**
     * The commits before the first bad position, where the journal's valid part ends, and, when the
     * journal is damaged (not merely ended by a commit a crash cut short), what is wrong and the
     * checksummed commits found after the damage (they cannot be applied without the damaged one).
     */
    record Contents(List<Commit> commits, long validEnd, String damage, List<Commit> after) {
        boolean damaged() {
            return damage != null;
        }
    }

    /** What one position of the journal holds. */
    enum Verdict {
        /** A whole record whose checksum matches. */
        COMMIT,
        /** Nothing that was ever committed here: end of file at a page boundary, zeros, an older
         *  generation's record, a record torn by a crash before its commit returned. */
        END,
        /** A record that was complete (or cut by the end of the file) and no longer checks out. */
        DAMAGED
    }

    private CommitJournal() {}

    static Path journalOf(Path store) {
        return store.resolveSibling(store.getFileName() + ".log");
    }

    static int recordBytes(int bodyLength) {
        return (HEADER + bodyLength + TRAILER_BYTES + PAGE - 1) / PAGE * PAGE;
    }

    /** Encodes a commit as one page-aligned record. */
    static ByteBuffer encode(Commit commit) {
        int bodyLength = 4;
        for (Range r : commit.ranges()) {
            bodyLength += 12 + r.bytes().length;
        }
        int total = recordBytes(bodyLength);
        ByteBuffer buf = ByteBuffer.allocate(total);
        buf.position(HEADER);
        buf.putInt(commit.ranges().size());
        for (Range r : commit.ranges()) {
            buf.putLong(r.offset()).putInt(r.bytes().length).put(r.bytes());
        }
        buf.putLong(0, MAGIC).putLong(8, commit.number()).putInt(16, bodyLength).putInt(24, ~bodyLength);
        buf.putInt(20, checksum(buf.array(), commit.number(), bodyLength));
        buf.putLong(total - TRAILER_BYTES, TRAILER).putLong(total - 8, commit.number());
        buf.clear();
        return buf;
    }

    static int checksum(byte[] record, long number, int bodyLength) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(12).putLong(number).putInt(bodyLength).array());
        crc.update(record, HEADER, bodyLength);
        return (int) crc.getValue();
    }

    /** Reads the commits from the start of the journal and says how it ends. */
    static Contents read(FileChannel journal) throws IOException {
        List<Commit> commits = new ArrayList<>();
        long size = journal.size();
        long pos = 0;
        boolean legacy = false;
        while (true) {
            long expected = commits.isEmpty() ? -1 : commits.get(commits.size() - 1).number() + 1;
            JournalPosition p = JournalPosition.read(journal, pos, size, expected);
            if (p.verdict == Verdict.COMMIT) {
                commits.add(p.commit);
                pos += p.bytes;
                legacy = p.legacy;
                continue;
            }
            if (legacy && pos + HEADER > size) {
                p = JournalPosition.end(); // a format 2 journal had no page kept free after its last record
            }
            List<Commit> after = commitsAfter(journal, pos + PAGE, size,
                    commits.isEmpty() ? Long.MAX_VALUE : expected - 1);
            String damage = p.verdict == Verdict.DAMAGED ? p.why
                    : after.isEmpty() ? null : "record at " + pos + " is unreadable";
            if (damage != null) {
                damage = "journal damaged at offset " + pos + " (commit " + Math.max(expected, 1) + "): " + damage
                        + "; " + after.size() + " committed record(s) found after it";
            }
            return new Contents(commits, pos, damage, after);
        }
    }

    /** Checksummed format-3 records at page boundaries from {@code from} with a number above {@code above}. */
    private static List<Commit> commitsAfter(FileChannel journal, long from, long size, long above)
            throws IOException {
        List<Commit> found = new ArrayList<>();
        for (long pos = from; pos + HEADER <= size; ) {
            JournalPosition p = JournalPosition.read(journal, pos, size, -1);
            if (p.verdict == Verdict.COMMIT && p.commit.number() > above) {
                found.add(p.commit);
                pos += p.bytes;
            } else {
                pos += PAGE;
            }
        }
        return found;
    }

    static List<Range> decode(ByteBuffer record, int header) {
        record.position(header);
        int count = record.getInt();
        List<Range> ranges = new ArrayList<>(Math.min(count, 1024));
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
