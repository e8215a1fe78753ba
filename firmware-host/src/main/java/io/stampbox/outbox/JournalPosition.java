package io.stampbox.outbox;

import static io.stampbox.outbox.CommitJournal.HEADER;
import static io.stampbox.outbox.CommitJournal.HEADER_V2;
import static io.stampbox.outbox.CommitJournal.MAGIC;
import static io.stampbox.outbox.CommitJournal.MAGIC_V2;
import static io.stampbox.outbox.CommitJournal.PAGE;
import static io.stampbox.outbox.CommitJournal.TRAILER;
import static io.stampbox.outbox.CommitJournal.TRAILER_BYTES;
import static io.stampbox.outbox.CommitJournal.checksum;
import static io.stampbox.outbox.CommitJournal.decode;
import static io.stampbox.outbox.CommitJournal.readFully;
import static io.stampbox.outbox.CommitJournal.recordBytes;

import io.stampbox.outbox.CommitJournal.Commit;
import io.stampbox.outbox.CommitJournal.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * One position of a {@link CommitJournal}, sorted into a commit, the clean end of the journal, or
 * damage (see {@link Verdict}): the judgement {@link CommitJournal#read} makes at each record boundary.
 * The record format itself (header, body, trailer) is described and encoded in {@link CommitJournal}.
 */
final class JournalPosition {
    Verdict verdict;
    Commit commit;
    long bytes;
    String why;
    boolean legacy;

    static JournalPosition end() {
        JournalPosition p = new JournalPosition();
        p.verdict = Verdict.END;
        return p;
    }

    static JournalPosition damaged(String why) {
        JournalPosition p = new JournalPosition();
        p.verdict = Verdict.DAMAGED;
        p.why = why;
        return p;
    }

    static JournalPosition commit(Commit c, long bytes) {
        JournalPosition p = new JournalPosition();
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
    static JournalPosition read(FileChannel journal, long pos, long size, long expected) throws IOException {
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
    private static JournalPosition readV2(FileChannel journal, long pos, long size, long expected, ByteBuffer head)
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
        JournalPosition p = commit(new Commit(number, decode(record, HEADER_V2)),
                ((long) HEADER_V2 + bodyLength + PAGE - 1) / PAGE * PAGE);
        p.legacy = true;
        return p;
    }
}
