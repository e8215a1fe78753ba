package io.stampbox.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Using it" snippet of docs/outbox.md, compiled and run: {@code docs.DocSnippetsTest} fails when the
 * doc's snippet and the block between the markers below differ.
 */
class OutboxDocumentedUseTest {

    @TempDir
    Path storageDir;

    @Test
    void theDocumentedUseWorks() throws Exception {
        long maxEvents = 1_000_000;
        Clock clock = Clock.systemUTC();
        AtomicInteger losses = new AtomicInteger();
        AtomicInteger wakes = new AtomicInteger();
        Runnable markStorageRecovered = losses::incrementAndGet;
        Runnable wakeTheDrainer = wakes::incrementAndGet;
        long cooldownMillis = 60_000;
        List<StoredEvent> events = List.of(new StoredEvent(1, "{\"seq\":1}".getBytes(StandardCharsets.UTF_8)));
        Map<String, Long> cardStamps = Map.of("1234", clock.millis());
        // doc:begin outbox-usage
        try (StorageLock lock = StorageLock.acquire(storageDir)) { // once per process, before anything is opened
            MapDbOutbox box = MapDbOutbox.open(storageDir.resolve("outbox"), maxEvents, clock); // OutboxException(IO)
            if (box.recoveredFromCorruption()) {
                box.recoveryNotes().forEach(System.err::println); // Unit: log, health, status light
            }
            box.onLoss(markStorageRecovered);          // a stored event found damaged later, on read
            box.retainCardStampsFor(cooldownMillis);
            box.onAppend(wakeTheDrainer);              // runs on the appender's thread, after the commit
            box.append(events, cardStamps);            // one durable commit; FULL / IO as OutboxException
            List<StoredEvent> pending = box.read(box.oldestPendingSeq(), 64); // the drainer's thread
            box.acknowledgeThrough(pending.get(pending.size() - 1).seq());   // after the broker's PUBACK
            List<SeqRange> lost = box.lostSeqs();      // health's lostSeqs
            box.close();                               // last: persists acknowledgements, checkpoints, closes
        }
        // doc:end
        assertEquals(1, wakes.get());
        assertEquals(0, losses.get());
        try (MapDbOutbox again = MapDbOutbox.open(storageDir.resolve("outbox"), maxEvents, clock)) {
            assertEquals(0, again.depth(), "acknowledged");
            assertEquals(2, again.nextSeq());
            assertTrue(again.lostSeqs().isEmpty());
        }
    }
}
