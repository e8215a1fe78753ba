package io.stampbox.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SlowTest
class MapDbOutboxTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final MapDbOutbox.Settings SMALL =
            new MapDbOutbox.Settings(5, Duration.ofSeconds(10), Duration.ofHours(1), 16 * 1024);

    @TempDir
    Path dir;

    static StoredEvent event(long seq) {
        return new StoredEvent(seq, ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
    }

    static List<StoredEvent> batch(long from, int count) {
        List<StoredEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(event(from + i));
        }
        return out;
    }

    private MapDbOutbox open(long maxEvents) throws OutboxException {
        return MapDbOutbox.open(dir, maxEvents, CLOCK, SMALL);
    }

    private long segmentFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".db")).count();
        }
    }

    @Test
    void newOutboxStartsAtSeqOneAndReadsBackWhatWasAppended() throws Exception {
        try (MapDbOutbox box = open(100)) {
            assertEquals(1, box.nextSeq());
            assertEquals(0, box.oldestPendingSeq());
            box.append(batch(1, 3), Map.of());
            assertEquals(4, box.nextSeq());
            assertEquals(3, box.depth());
            assertEquals(1, box.oldestPendingSeq());
            List<StoredEvent> read = box.read(1, 10);
            assertEquals(List.of(1L, 2L, 3L), read.stream().map(StoredEvent::seq).toList());
            assertArrayEquals(event(2).payload(), read.get(1).payload());
            assertEquals(List.of(2L), box.read(2, 1).stream().map(StoredEvent::seq).toList());
            assertFalse(box.recoveredFromCorruption());
        }
    }

    @Test
    void acknowledgedEventsAreNoLongerReadAndSurviveReopen() throws Exception {
        try (MapDbOutbox box = open(100)) {
            box.append(batch(1, 4), Map.of());
            box.acknowledgeThrough(2);
            assertEquals(2, box.depth());
            assertEquals(3, box.oldestPendingSeq());
            assertEquals(List.of(3L, 4L), box.read(1, 10).stream().map(StoredEvent::seq).toList());
            box.acknowledgeThrough(99);
            assertEquals(0, box.depth());
        }
        try (MapDbOutbox box = open(100)) {
            assertEquals(0, box.depth(), "acknowledgement persisted at close");
            assertEquals(5, box.nextSeq());
        }
    }

    @Test
    void aSeqOutOfOrderIsRefusedAndNothingIsKept() throws Exception {
        try (MapDbOutbox box = open(100)) {
            box.append(batch(1, 2), Map.of());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> box.append(List.of(event(3), event(5)), Map.of()));
            assertTrue(e.getMessage().contains("must be 4, got 5"), e.getMessage());
            assertEquals(3, box.nextSeq());
            assertEquals(2, box.read(1, 10).size());
        }
    }

    @Test
    void fullOutboxRefusesNewEventsAndEvictsNothing() throws Exception {
        try (MapDbOutbox box = open(4)) {
            box.append(batch(1, 3), Map.of());
            OutboxException e = assertThrows(OutboxException.class,
                    () -> box.append(batch(4, 2), Map.of()));
            assertEquals(OutboxException.Reason.FULL, e.reason());
            assertEquals(4, box.nextSeq());
            box.append(batch(4, 1), Map.of());
            box.acknowledgeThrough(2);
            box.append(batch(5, 2), Map.of());
            assertEquals(List.of(3L, 4L, 5L, 6L),
                    box.read(0, 10).stream().map(StoredEvent::seq).toList());
        }
    }

    @Test
    void seqContinuesAcrossReopen() throws Exception {
        try (MapDbOutbox box = open(100)) {
            box.append(batch(1, 5), Map.of());
            box.append(batch(6, 2), Map.of());
        }
        try (MapDbOutbox box = open(100)) {
            assertEquals(8, box.nextSeq());
            assertEquals(7, box.depth());
            box.append(batch(8, 1), Map.of());
            assertEquals(8, box.read(1, 100).size());
        }
    }

    @Test
    void segmentsRotateAndAcknowledgedOnesAreDeleted() throws Exception {
        try (MapDbOutbox box = open(1000)) {
            for (long seq = 1; seq <= 23; seq += 2) {
                box.append(batch(seq, 2), Map.of());
            }
            assertTrue(segmentFiles() >= 5, "rotated: " + segmentFiles());
            assertEquals(24, box.read(1, 100).size());
            box.acknowledgeThrough(20);
            box.flushAcknowledgements();
            assertEquals(1, segmentFiles(), "only the active segment is left");
            assertEquals(List.of(21L, 22L, 23L, 24L),
                    box.read(1, 100).stream().map(StoredEvent::seq).toList());
        }
        try (MapDbOutbox box = open(1000)) {
            assertEquals(25, box.nextSeq());
            assertEquals(21, box.oldestPendingSeq());
        }
    }

    @Test
    void seqContinuesAfterEverythingWasAcknowledgedAndDeleted() throws Exception {
        try (MapDbOutbox box = open(1000)) {
            box.append(batch(1, 5), Map.of());
            box.append(batch(6, 5), Map.of());
            box.append(batch(11, 1), Map.of());
            box.acknowledgeThrough(11);
            box.flushAcknowledgements();
        }
        try (MapDbOutbox box = open(1000)) {
            assertEquals(12, box.nextSeq());
            assertEquals(0, box.depth());
            assertEquals(List.of(), box.read(1, 10));
        }
    }

    @Test
    void cardStampsSurviveReopenAndOldOnesArePrunedOnRotation() throws Exception {
        long now = CLOCK.millis();
        try (MapDbOutbox box = open(1000)) {
            box.append(batch(1, 1), Map.of("card-a", now - 10_000, "card-b", now - 100));
            box.append(batch(2, 1), Map.of("card-c", now));
        }
        try (MapDbOutbox box = open(1000)) {
            assertEquals(Map.of("card-a", now - 10_000, "card-b", now - 100, "card-c", now),
                    box.cardStamps());
            box.retainCardStampsFor(1_000);
            box.append(batch(3, 5), Map.of());
            assertEquals(Map.of("card-b", now - 100, "card-c", now), box.cardStamps());
            box.acknowledgeThrough(7);
            box.flushAcknowledgements();
        }
        try (MapDbOutbox box = open(1000)) {
            assertEquals(Map.of("card-b", now - 100, "card-c", now), box.cardStamps());
        }
    }

    @Test
    void appendListenersRunAfterTheCommit() throws Exception {
        try (MapDbOutbox box = open(100)) {
            AtomicInteger seen = new AtomicInteger();
            box.onAppend(() -> seen.set((int) box.depth()));
            box.onAppend(() -> {
                throw new IllegalStateException("listener bug");
            });
            box.append(batch(1, 2), Map.of());
            assertEquals(2, seen.get());
        }
    }

    @Test
    void readsRunConcurrentlyWithAppendsAndSeeOnlyCommittedEventsInOrder() throws Exception {
        MapDbOutbox.Settings settings = new MapDbOutbox.Settings(60, Duration.ofSeconds(10),
                Duration.ofMillis(20), 16 * 1024);
        try (MapDbOutbox box = MapDbOutbox.open(dir, 100_000, CLOCK, settings)) {
            AtomicInteger problems = new AtomicInteger();
            Semaphore appended = new Semaphore(0);
            box.onAppend(appended::release);
            Thread reader = new Thread(() -> {
                long next = 1;
                while (next <= 300 && awaitPermit(appended)) {
                    for (StoredEvent e : box.read(next, 50)) {
                        if (e.seq() != next || !new String(e.payload()).contains(":" + next + "}")) {
                            problems.incrementAndGet();
                        }
                        next = e.seq() + 1;
                        box.acknowledgeThrough(e.seq());
                    }
                }
            }, "test-reader");
            reader.start();
            for (long seq = 1; seq <= 300; seq += 3) {
                box.append(batch(seq, 3), Map.of());
            }
            reader.join(30_000);
            assertFalse(reader.isAlive());
            assertEquals(0, problems.get());
            assertEquals(0, box.depth());
        }
    }

    private static boolean awaitPermit(Semaphore s) {
        try {
            return s.tryAcquire(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void anUnwritableDirectoryIsNamedInTheError() throws Exception {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");
        OutboxException e = assertThrows(OutboxException.class,
                () -> MapDbOutbox.open(file.resolve("outbox"), 10, CLOCK, SMALL));
        assertEquals(OutboxException.Reason.IO, e.reason());
        assertTrue(e.getMessage().contains(file.resolve("outbox").toString()), e.getMessage());
    }
}
