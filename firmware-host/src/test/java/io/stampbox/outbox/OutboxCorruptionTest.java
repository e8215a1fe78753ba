package io.stampbox.outbox;

import static io.stampbox.outbox.MapDbOutboxTest.CLOCK;
import static io.stampbox.outbox.MapDbOutboxTest.SMALL;
import static io.stampbox.outbox.MapDbOutboxTest.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store file damaged on disk is moved aside with a timestamp, a fresh one started, and reported. */
class OutboxCorruptionTest {

    static final String NEWEST = "seg-00000000000000000006-5.db";

    @TempDir
    Path dir;

    /** Seq 1..5 in the first segment, 6..8 in the newest one, all closed cleanly. */
    private void twoSegments() throws Exception {
        try (MapDbOutbox box = MapDbOutbox.open(dir, 100, CLOCK, SMALL)) {
            box.append(batch(1, 5), Map.of("card-a", 1L));
            box.append(batch(6, 3), Map.of("card-b", 2L));
        }
        assertTrue(Files.exists(dir.resolve(NEWEST)));
    }

    private List<String> files() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private void checkMovedAsideAndFresh() throws Exception {
        try (MapDbOutbox box = MapDbOutbox.open(dir, 100, CLOCK, SMALL)) {
            assertTrue(box.recoveredFromCorruption());
            assertEquals(2, box.recoveryNotes().size(), box.recoveryNotes().toString());
            String note = box.recoveryNotes().get(0);
            assertTrue(note.contains(NEWEST) && note.contains("moved aside"), note);
            assertTrue(box.recoveryNotes().get(1).contains("seq 6..10 lost"), box.recoveryNotes().toString());
            assertEquals(List.of(new SeqRange(6, 10)), box.lostSeqs(), "the loss is recorded for health");
            assertTrue(files().contains(NEWEST + ".corrupt-20261125T120000Z"), files().toString());
            assertEquals(11, box.nextSeq(), "seq resumes past every seq the lost segment could hold");
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L),
                    box.read(1, 100).stream().map(StoredEvent::seq).toList());
            box.acknowledgeThrough(5);
            assertEquals(0, box.depth(), "the lost seqs 6..10 are not pending");
            box.append(batch(11, 2), Map.of());
            assertEquals(13, box.nextSeq());
        }
        try (MapDbOutbox box = MapDbOutbox.open(dir, 100, CLOCK, SMALL)) {
            assertFalse(box.recoveredFromCorruption(), "the fresh store opens cleanly");
            assertEquals(List.of(new SeqRange(6, 10)), box.lostSeqs(), "the loss stays recorded");
            assertEquals(13, box.nextSeq());
            assertEquals(List.of(11L, 12L), box.read(1, 100).stream().map(StoredEvent::seq).toList());
            assertEquals(11, box.oldestPendingSeq());
        }
    }

    @Test
    void aStoreOverwrittenWithGarbageIsMovedAsideAndAFreshOneStarted() throws Exception {
        twoSegments();
        Path newest = dir.resolve(NEWEST);
        byte[] garbage = new byte[(int) Files.size(newest)];
        new Random(7).nextBytes(garbage);
        Files.write(newest, garbage);
        checkMovedAsideAndFresh();
    }

    @Test
    void aTruncatedStoreIsMovedAsideAndAFreshOneStarted() throws Exception {
        twoSegments();
        try (FileChannel ch = FileChannel.open(dir.resolve(NEWEST), StandardOpenOption.WRITE)) {
            ch.truncate(100);
        }
        checkMovedAsideAndFresh();
    }

    @Test
    void anEmptyStoreFileIsMovedAside() throws Exception {
        twoSegments();
        Files.write(dir.resolve(NEWEST), new byte[0]);
        checkMovedAsideAndFresh();
    }
}
