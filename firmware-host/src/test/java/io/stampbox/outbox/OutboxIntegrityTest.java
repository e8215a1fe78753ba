package io.stampbox.outbox;

import static io.stampbox.outbox.MapDbOutboxTest.CLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.stampbox.testing.SlowTest;

/**
 * Damage on disk, case by case, on real files: a flipped byte at nine places of every journal record of
 * every segment, a flipped byte in every stored event (and in its checksum), the active journal cut at
 * a dense sample of offsets (see {@link #truncatedJournalsNeverLoseCommitsSilently}),
 * every segment deleted in turn, everything deleted. After each: no seq is ever used again, every event
 * read back is byte-identical to what was committed, every committed event not acknowledged that is
 * missing is in {@link MapDbOutbox#lostSeqs()} and the outbox says it recovered; the next open is clean.
 * Slow-ish: about 100 s on the shared, loaded 2-core box (a few hundred opens of a 5-segment outbox,
 * some 30,000 journal reads); the truncation case is half of it.
 */
@SlowTest
class OutboxIntegrityTest {

    static final MapDbOutbox.Settings SETTINGS =
            new MapDbOutbox.Settings(8, Duration.ofSeconds(10), Duration.ofHours(1), 1 << 20);
    static final long ACKED = 4;

    @TempDir
    Path tmp;
    private Path original;
    private MapDbOutbox built;
    private final TreeMap<Long, byte[]> committed = new TreeMap<>();

    static byte[] payload(long seq) {
        int pad = seq % 7 == 3 ? 6000 : (int) (seq * 37 % 900);
        return ("{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(pad) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** 34 events in batches of 1..3 over five segments of 8, acknowledged through 4; not closed. */
    @BeforeEach
    void build() throws Exception {
        original = tmp.resolve("original");
        MapDbOutbox box = MapDbOutbox.open(original, 1000, CLOCK, SETTINGS);
        built = box;
        for (int i = 0; box.nextSeq() <= 34; i++) {
            List<StoredEvent> batch = new ArrayList<>();
            long first = box.nextSeq();
            for (int k = 0; k <= i % 3 && first + k <= 34; k++) {
                batch.add(new StoredEvent(first + k, payload(first + k)));
                committed.put(first + k, payload(first + k));
            }
            box.append(batch, Map.of("card-" + i % 4, (long) i));
            if (i == 3) {
                box.acknowledgeThrough(ACKED);
                box.flushAcknowledgements();
            }
        }
        // left open: the files are what a power cut now would leave (every append was fdatasynced)
    }

    @AfterEach
    void closeBuilt() {
        built.close();
    }

    private Path copy(String name) throws IOException {
        Path to = tmp.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(original)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    /**
     * Opens the damaged copy and checks every promise; returns the recovery notes (empty: nothing was
     * wrong). Then appends and opens once more: seq goes on, nothing new is reported.
     */
    List<String> check(Path dir, String context) throws Exception {
        long next;
        List<SeqRange> lost;
        boolean recovered;
        List<String> notes;
        try (MapDbOutbox box = MapDbOutbox.open(dir, 1000, CLOCK, SETTINGS)) {
            next = box.nextSeq();
            assertTrue(next > committed.lastKey(), context + ": nextSeq " + next + " reuses a committed seq");
            TreeMap<Long, byte[]> read = new TreeMap<>();
            for (StoredEvent e : box.read(0, Integer.MAX_VALUE)) {
                assertFalse(read.containsKey(e.seq()), context + ": seq " + e.seq() + " read twice");
                read.put(e.seq(), e.payload());
                assertTrue(committed.containsKey(e.seq()), context + ": seq " + e.seq() + " never committed");
                assertArrayEquals(committed.get(e.seq()), e.payload(), context + ": seq " + e.seq() + " changed");
            }
            lost = box.lostSeqs();
            for (long seq : committed.keySet()) {
                if (seq > ACKED && !read.containsKey(seq)) {
                    assertTrue(lost.stream().anyMatch(r -> r.from() <= seq && seq <= r.to()),
                            context + ": seq " + seq + " missing and not reported lost " + lost + " "
                                    + box.recoveryNotes());
                }
            }
            recovered = box.recoveredFromCorruption();
            notes = box.recoveryNotes();
            assertTrue(lost.isEmpty() || recovered, context + ": lost " + lost + " but not said");
            assertEquals(read.tailMap(ACKED, false).size(), box.depth(), context + ": lost seqs counted as pending");
            box.append(List.of(new StoredEvent(next, payload(next))), Map.of());
        }
        try (MapDbOutbox box = MapDbOutbox.open(dir, 1000, CLOCK, SETTINGS)) {
            assertEquals(next + 1, box.nextSeq(), context + ": after the repair");
            assertEquals(List.of(), box.recoveryNotes(), context + ": reported again");
            assertEquals(lost, box.lostSeqs(), context);
            assertArrayEquals(payload(next), box.read(next, 1).get(0).payload(), context);
        }
        return notes;
    }

    boolean verify(Path dir, String context) throws Exception {
        return !check(dir, context).isEmpty();
    }

    private static List<Path> journals(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("seg-\\d+-\\d+\\.db\\.log")).sorted().toList();
        }
    }

    /** Page offsets of the format-3 records of a journal, in order, with their lengths in bytes. */
    static List<long[]> records(Path journal) throws IOException {
        List<long[]> out = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(journal);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        for (int pos = 0; pos + 32 <= bytes.length; ) {
            if (buf.getLong(pos) != 0x5342_4a52_4e4c_3033L) {
                break;
            }
            int total = CommitJournal.recordBytes(buf.getInt(pos + 16));
            out.add(new long[] {pos, total, buf.getInt(pos + 16)});
            pos += total;
        }
        return out;
    }

    static void flip(Path file, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x5a));
            b.clear();
            ch.write(b, at);
        }
    }

    @Test
    void aFlippedByteAnywhereInAnyJournalRecordIsNeverForgivenSilently() throws Exception {
        int cases = 0;
        int reported = 0;
        int salvaged = 0;
        for (Path journal : journals(original)) {
            List<long[]> records = records(journal);
            assertFalse(records.isEmpty(), journal + " holds no records");
            for (int r = 0; r < records.size(); r++) {
                long at = records.get(r)[0];
                long total = records.get(r)[1];
                int body = (int) records.get(r)[2];
                long[] places = {0, 15, 19, 21, 27, 32 + body / 2, 32 + body - 1, at + total - 3 - at, 32 + body + 1};
                String[] names = {"magic", "number", "length", "crc", "inverted length", "body", "body end",
                    "trailer", "padding"};
                for (int p = 0; p < places.length; p++) {
                    String context = journal.getFileName() + " record " + r + " (" + total + " bytes) " + names[p];
                    Path dir = copy("flip-" + cases++);
                    flip(dir.resolve(journal.getFileName()), at + places[p]);
                    List<String> notes = check(dir, context);
                    boolean loss = !notes.isEmpty();
                    reported += loss ? 1 : 0;
                    salvaged += notes.stream().anyMatch(n -> n.contains("prove themselves by checksum")) ? 1 : 0;
                    if (names[p].startsWith("body") && body > 4) {
                        assertTrue(loss, context + ": a damaged body must be reported");
                    }
                }
            }
        }
        System.out.println("journal flips: " + cases + " cases, " + reported + " reported, " + salvaged + " salvaged");
        assertTrue(cases > 100 && reported > 20 && salvaged > 5,
                cases + " cases, " + reported + " reported, " + salvaged + " kept events after the damage");
    }

    @Test
    void aFlippedByteInAnyStoredEventIsNeverPublishedAndIsReported() throws Exception {
        built.close(); // every event is now in a store file, the journals hold a record without ranges
        int cases = 0;
        for (long seq = ACKED + 1; seq <= committed.lastKey(); seq++) {
            for (int where : new int[] {-2, 10}) {
                Path dir = copy("event-" + cases++);
                Path store = storeHolding(dir, seq);
                long at = indexOf(Files.readAllBytes(store), ("{\"seq\":" + seq + ",").getBytes(StandardCharsets.UTF_8));
                assertTrue(at > 0, "seq " + seq + " not found in " + store);
                flip(store, at + where);
                String context = "seq " + seq + (where < 0 ? " checksum" : " payload");
                assertTrue(verify(dir, context), context + ": not reported");
            }
        }
        System.out.println("stored event flips: " + cases + " cases");
        assertTrue(cases > 50, cases + " cases");
    }

    /**
     * Every offset at the journal level (each journal of every segment cut at each byte, read with
     * {@link CommitJournal#read}: fewer commits than written always comes with damage), and a sample
     * through the whole outbox (around every record boundary: -1, 0, +1, +31, +32, +2048, and 0).
     */
    @Test
    void truncatedJournalsNeverLoseCommitsSilently() throws Exception {
        int offsets = 0;
        List<Path> all = journals(original);
        for (Path journal : all) {
            Path cut = tmp.resolve("cut.log");
            Files.copy(journal, cut, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            List<long[]> records = records(journal);
            long last = records.get(records.size() - 1)[0] + records.get(records.size() - 1)[1];
            boolean newest = journal.equals(all.get(all.size() - 1));
            try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                int commits = CommitJournal.read(ch).commits().size();
                // every offset of the newest journal up to a page past its last record; 1 in 61 elsewhere
                // and in the zeros after (about 40,000 reads); 0 (emptied) is damage of the segment: below
                for (long t = ch.size(); t > 0; t -= newest && t <= last + 4096 ? 1 : 61) {
                    ch.truncate(t);
                    CommitJournal.Contents c = CommitJournal.read(ch);
                    assertTrue(c.commits().size() == commits || c.damaged(), journal.getFileName() + " cut at " + t
                            + ": " + c.commits().size() + " of " + commits + " commits and no damage reported");
                    offsets++;
                }
            }
        }
        int cases = 0;
        for (Path journal : journals(original)) {
            List<Long> cuts = new ArrayList<>(List.of(0L));
            for (long[] r : records(journal)) {
                long end = r[0] + r[1];
                cuts.addAll(List.of(end - 1, end, end + 1, end + 31, end + 32, end + 2048));
            }
            for (long t : cuts) {
                Path dir = copy("cut-" + cases++);
                try (FileChannel ch = FileChannel.open(dir.resolve(journal.getFileName()), StandardOpenOption.WRITE)) {
                    ch.truncate(t);
                }
                verify(dir, journal.getFileName() + " cut at " + t);
            }
        }
        System.out.println("journal cuts: " + offsets + " offsets read, " + cases + " outbox opens");
        assertTrue(offsets > 20_000 && cases > 50, offsets + " offsets, " + cases + " cases");
    }

    @Test
    void deletedSegmentsAndDeletedJournalsAreReportedAndSeqNeverGoesBack() throws Exception {
        List<Path> journals = journals(original);
        assertTrue(journals.size() >= 5, journals.toString());
        int cases = 0;
        for (Path journal : journals) {
            String store = journal.getFileName().toString().replace(".log", "");
            Path dir = copy("delete-" + cases++);
            Files.delete(dir.resolve(store));
            Files.delete(dir.resolve(journal.getFileName()));
            assertTrue(verify(dir, "segment " + store + " deleted"), store);
            dir = copy("delete-" + cases++);
            Files.delete(dir.resolve(journal.getFileName()));
            assertTrue(verify(dir, "journal of " + store + " deleted"), store);
        }
        Path dir = copy("delete-all");
        for (Path journal : journals) {
            Files.delete(dir.resolve(journal.getFileName()));
            Files.delete(dir.resolve(journal.getFileName().toString().replace(".log", "")));
        }
        assertTrue(verify(dir, "every segment deleted"));
        dir = copy("delete-ledger");
        Files.delete(dir.resolve(SeqLedger.FILE));
        assertFalse(verify(dir, "seq-hwm deleted, segments whole"), "nothing was lost");
    }

    static long indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Path storeHolding(Path dir, long seq) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> SegmentName.parse(f.getFileName().toString()).map(n -> n.firstSeq() <= seq)
                    .orElse(false)).max(java.util.Comparator.naturalOrder()).orElseThrow();
        }
    }
}
