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
 * damage: see {@link Verdict}. Format 2 records (no trailer, no inverted length) of an older version are
 * still read, the old way: up to the first that does not check out.
 */
final class CommitJournal {

    static final int PAGE = 4096;
    private static final long MAGIC = 0x5342_4a52_4e4c_3033L; // "SBJRNL03"
    private static final long MAGIC_V2 = 0x5342_4a52_4e4c_3032L; // "SBJRNL02"
    private static final long TRAILER = 0x5342_4a45_4e44_3033L; // "SBJEND03"
    private static final int HEADER = 32;
    private static final int HEADER_V2 = 24;
    private static final int TRAILER_BYTES = 16;

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

    private static int checksum(byte[] record, long number, int bodyLength) {
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
            Position p = Position.read(journal, pos, size, expected);
            if (p.verdict == Verdict.COMMIT) {
                commits.add(p.commit);
                pos += p.bytes;
                legacy = p.legacy;
                continue;
            }
            if (legacy && pos + HEADER > size) {
                p = Position.end(); // a format 2 journal had no page kept free after its last record
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
            Position p = Position.read(journal, pos, size, -1);
            if (p.verdict == Verdict.COMMIT && p.commit.number() > above) {
                found.add(p.commit);
                pos += p.bytes;
            } else {
                pos += PAGE;
            }
        }
        return found;
    }

    /** One position of the journal, sorted. */
    private static final class Position {
        Verdict verdict;
        Commit commit;
        long bytes;
        String why;
        boolean legacy;

        static Position end() {
            Position p = new Position();
            p.verdict = Verdict.END;
            return p;
        }

        static Position damaged(String why) {
            Position p = new Position();
            p.verdict = Verdict.DAMAGED;
            p.why = why;
            return p;
        }

        static Position commit(Commit c, long bytes) {
            Position p = new Position();
            p.verdict = Verdict.COMMIT;
            p.commit = c;
            p.bytes = bytes;
            return p;
        }

        /**
         * A single flipped byte changes at most one header field, so a damaged record still shows at
         * least two of: its magic, its expected number, a body length that matches its inverted copy
         * (the first record, whose number is not known, needs one of magic and length). Whatever shows
         * fewer was never a record of this generation: the end. A record that shows enough and fails its
         * checksum was torn by a crash only if it spans several pages and its last page (with the
         * trailer) is missing: a kill stops a write between pages, never inside one. Anything else is
         * damage.
         */
        static Position read(FileChannel journal, long pos, long size, long expected) throws IOException {
            if (pos + HEADER > size) {
                return pos >= size && pos == 0 ? end() : damaged("the file ends inside the journal");
            }
            ByteBuffer head = ByteBuffer.allocate(HEADER);
            readFully(journal, head, pos);
            if (head.getLong(0) == MAGIC_V2) {
                return readV2(journal, pos, size, expected, head);
            }
            long number = head.getLong(8);
            int length = head.getInt(16);
            int inverted = ~head.getInt(24);
            boolean magicOk = head.getLong(0) == MAGIC;
            boolean numberOk = expected >= 0 && number == expected;
            for (int candidate : length == inverted ? new int[] {length} : new int[] {length, inverted}) {
                long n = numberOk || expected < 0 ? number : expected;
                Commit c = verified(journal, pos, size, n, candidate, head.getInt(20));
                if (c != null && (magicOk || numberOk || length == inverted)) {
                    return commit(c, recordBytes(candidate));
                }
            }
            int votes = (magicOk ? 1 : 0) + (length == inverted ? 1 : 0) + (numberOk ? 1 : 0);
            boolean plausible = expected < 0 ? votes >= 1 : votes >= 2;
            if (!plausible || (expected >= 0 && !numberOk && magicOk && length == inverted && number < expected)) {
                return end(); // zeros, an older generation's record or its middle page
            }
            long n = expected >= 0 ? expected : number;
            for (int candidate : new int[] {length, inverted}) {
                if (candidate < 4 || candidate > (1 << 30)) {
                    continue;
                }
                long total = recordBytes(candidate);
                if (pos + total > size) {
                    return damaged("record of " + total + " bytes cut by the end of the file");
                }
                long trailer = trailerNumber(journal, pos + total);
                if (expected < 0 && trailer >= 0) {
                    Commit c = verified(journal, pos, size, trailer, candidate, head.getInt(20));
                    if (c != null) {
                        return commit(c, total); // the first record, its number field damaged
                    }
                }
                if (total == PAGE || trailer == n || (expected < 0 && trailer >= 0)) {
                    return damaged("record fails its checksum");
                }
            }
            return end(); // a multi-page record whose last page never got written: cut by a crash
        }

        private static Commit verified(FileChannel journal, long pos, long size, long number, int length,
                int crc) throws IOException {
            if (length < 4 || pos + recordBytes(length) > size) {
                return null;
            }
            ByteBuffer record = ByteBuffer.allocate(HEADER + length);
            readFully(journal, record, pos);
            if (checksum(record.array(), number, length) != crc) {
                return null;
            }
            return new Commit(number, decode(record, HEADER));
        }

        /** The commit number in the trailer of a record ending at {@code end}, or -1 when there is none. */
        private static long trailerNumber(FileChannel journal, long end) throws IOException {
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
            readFully(journal, trailer, end - TRAILER_BYTES);
            return trailer.getLong(0) == TRAILER ? Math.max(trailer.getLong(8), 0) : -1;
        }

        /** Format 2 (before trailers): a record that does not check out ends the journal, as it did. */
        private static Position readV2(FileChannel journal, long pos, long size, long expected, ByteBuffer head)
                throws IOException {
            int bodyLength = head.getInt(16);
            long number = head.getLong(8);
            if (bodyLength < 4 || pos + HEADER_V2 + bodyLength > size || (expected >= 0 && number != expected)) {
                return end();
            }
            ByteBuffer record = ByteBuffer.allocate(HEADER_V2 + bodyLength);
            readFully(journal, record, pos);
            CRC32C crc = new CRC32C();
            crc.update(record.array(), 8, 8);
            crc.update(record.array(), HEADER_V2, bodyLength);
            if ((int) crc.getValue() != head.getInt(20)) {
                return end();
            }
            Position p = commit(new Commit(number, decode(record, HEADER_V2)),
                    ((long) HEADER_V2 + bodyLength + PAGE - 1) / PAGE * PAGE);
            p.legacy = true;
            return p;
        }
    }

    private static List<Range> decode(ByteBuffer record, int header) {
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
