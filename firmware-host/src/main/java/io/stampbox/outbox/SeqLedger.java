package io.stampbox.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The outbox's memory of seq that does not depend on its segments: {@code seq-hwm} in the outbox
 * directory holds a high-water mark (no seq at or above it was ever used), the first seq of the segment
 * appends go to, and the last {@link #MAX_LOST} lost ranges. Written ahead of use and in blocks: before
 * a commit would use a seq at or above the mark, the mark is moved to that seq + {@link #BLOCK}, so one
 * commit in about a thousand pays one extra fdatasync.
 *
 * <p>File: two 4 KiB slots written in turn (generation odd → slot 1, even → slot 0), each magic (8),
 * generation (8), mark (8), step (8), active segment (8), acknowledged-through when written (8), lost
 * count (4), lost ranges (16 each), CRC32C (4). A torn or damaged slot leaves the other one, one write
 * older: its mark + step (the most one write can move the mark) still bounds every seq used. Created
 * under a temporary name, fsynced, renamed, directory fsynced; later writes are one pwrite and an
 * fdatasync of the slot.
 */
final class SeqLedger implements AutoCloseable {

    static final String FILE = "seq-hwm";
    static final long BLOCK = 1000;
    static final int MAX_LOST = 32;
    private static final int SLOT = 4096;
    private static final long MAGIC = 0x5342_5345_5148_5731L; // "SBSEQHW1"
    private static final int FIXED = 52;

    /** One slot as read: all fields, or invalid. */
    record Slot(long generation, long mark, long step, long activeFirst, long acked, List<SeqRange> lost) {}

    /**
     * What the file held at open.
     *
     * @param slot the newest valid slot, or null when there is no file or nothing in it is readable
     * @param bound every seq ever used is below this (the mark, plus one step when a slot is damaged)
     * @param problem what is wrong with the file, or null
     */
    record Found(boolean exists, Slot slot, long bound, String problem) {}

    private final Path file;
    private final FileChannel channel;
    private final long step;
    private final List<SeqRange> lost;
    private long generation;
    private long mark;
    private long activeFirst;
    private long acked;

    private SeqLedger(Path file, FileChannel channel, long step, Slot from) {
        this.file = file;
        this.channel = channel;
        this.step = step;
        this.generation = from.generation();
        this.mark = from.mark();
        this.activeFirst = from.activeFirst();
        this.acked = from.acked();
        this.lost = new ArrayList<>(from.lost());
    }

    static Found read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return new Found(false, null, 0, null);
        }
        byte[] bytes = Files.readAllBytes(file);
        Slot a = parse(bytes, 0);
        Slot b = parse(bytes, SLOT);
        if (a == null && b == null) {
            return new Found(true, null, 0, FILE + " is unreadable (both copies fail their checksum)");
        }
        Slot newest = a == null ? b : b == null ? a : a.generation() > b.generation() ? a : b;
        Slot other = newest == a ? b : a;
        boolean otherBlank = isBlank(bytes, newest == a ? SLOT : 0);
        if (other == null && !otherBlank) {
            return new Found(true, newest, newest.mark() + newest.step(),
                    FILE + ": one copy fails its checksum, the other is used with one step of margin");
        }
        return new Found(true, newest, newest.mark(), null);
    }

    /** Opens the ledger for writing, starting from what was found, or from {@code next} for a new file. */
    static SeqLedger open(Path dir, Found found, long next, long activeFirst, long segmentEvents)
            throws IOException {
        Path file = dir.resolve(FILE);
        long step = BLOCK + segmentEvents;
        Slot start = found.slot() != null ? found.slot()
                : new Slot(0, next + BLOCK, step, activeFirst, 0, List.of());
        start = new Slot(start.generation(), Math.max(start.mark(), found.bound()), step, start.activeFirst(),
                start.acked(), start.lost());
        if (!found.exists() || found.slot() == null) {
            create(dir, file, start);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        SeqLedger ledger = new SeqLedger(file, channel, step, start);
        if (found.problem() != null) {
            ledger.write(); // both copies good again
        }
        return ledger;
    }

    private static void create(Path dir, Path file, Slot first) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer both = ByteBuffer.allocate(2 * SLOT);
            both.put(encode(first, first.lost()).array(), 0, SLOT);
            both.clear();
            CommitJournal.writeFully(ch, both, 0);
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SegmentFiles.syncDirectory(dir);
    }

    /** Every seq up to {@code lastSeq} may be used once this returns; writes only when the mark is reached. */
    synchronized void reserveThrough(long lastSeq, long ackedNow, long activeSegment) throws IOException {
        if (lastSeq < mark && activeSegment == activeFirst) {
            return;
        }
        mark = Math.max(mark, lastSeq + 1 + BLOCK);
        activeFirst = activeSegment;
        acked = Math.max(acked, ackedNow);
        write();
    }

    /** Records a lost range (unless one already recorded covers it); false when it was known. */
    synchronized boolean addLost(SeqRange range) throws IOException {
        for (SeqRange known : lost) {
            if (known.covers(range)) {
                return false;
            }
        }
        lost.add(range);
        while (lost.size() > MAX_LOST) {
            lost.remove(0);
        }
        write();
        return true;
    }

    synchronized boolean known(SeqRange range) {
        return lost.stream().anyMatch(r -> r.covers(range));
    }

    synchronized List<SeqRange> lost() {
        return List.copyOf(lost);
    }

    synchronized long mark() {
        return mark;
    }

    private void write() throws IOException {
        generation++;
        ByteBuffer slot = encode(new Slot(generation, mark, step, activeFirst, acked, lost), lost);
        CommitJournal.writeFully(channel, slot, (generation % 2) * SLOT);
        channel.force(false);
    }

    private static ByteBuffer encode(Slot s, List<SeqRange> lost) {
        ByteBuffer buf = ByteBuffer.allocate(SLOT);
        buf.putLong(MAGIC).putLong(s.generation()).putLong(s.mark()).putLong(s.step())
                .putLong(s.activeFirst()).putLong(s.acked()).putInt(lost.size());
        for (SeqRange r : lost) {
            buf.putLong(r.from()).putLong(r.to());
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        buf.clear();
        return buf;
    }

    private static Slot parse(byte[] bytes, int at) {
        if (bytes.length < at + SLOT) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, at, SLOT).slice();
        int count = buf.getInt(FIXED - 4);
        if (buf.getLong(0) != MAGIC || count < 0 || count > MAX_LOST) {
            return null;
        }
        int end = FIXED + 16 * count;
        CRC32C crc = new CRC32C();
        crc.update(bytes, at, end);
        if ((int) crc.getValue() != buf.getInt(end)) {
            return null;
        }
        List<SeqRange> lost = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long from = buf.getLong(FIXED + 16 * i);
            long to = buf.getLong(FIXED + 16 * i + 8);
            if (from >= 1 && to >= from) {
                lost.add(new SeqRange(from, to));
            }
        }
        return new Slot(buf.getLong(8), buf.getLong(16), buf.getLong(24), buf.getLong(32), buf.getLong(40), lost);
    }

    private static boolean isBlank(byte[] bytes, int at) {
        for (int i = at; i < Math.min(bytes.length, at + SLOT); i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            OutboxLog.LOG.debug("outbox {}: closing {} failed: {}", file.getParent(), FILE, e.toString());
        }
    }
}
