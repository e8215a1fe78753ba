package io.stampbox.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.ManualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 5 s between attempts to open a store that is not there, driven on a manual ticker. */
class ReopeningOutboxTest {

    @TempDir
    Path tmp;

    private final ManualScheduler time = new ManualScheduler();
    private final AtomicInteger attempts = new AtomicInteger();

    private ReopeningOutbox reopening(Path dir) {
        return new ReopeningOutbox(() -> {
            attempts.incrementAndGet();
            return MapDbOutbox.open(dir, 1000, Clock.systemUTC());
        }, dir.toString(), time);
    }

    @Test
    void aStoreThatCannotOpenIsTriedAgainEveryFiveSecondsFromTheAppendersCallsAndThenTakesStamps() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("outbox"), "a file where the store's directory should be");
        ReopeningOutbox outbox = reopening(blocker);
        AtomicInteger appended = new AtomicInteger();
        outbox.onAppend(appended::incrementAndGet);
        outbox.retainCardStampsFor(60_000);
        assertFalse(outbox.available());
        assertEquals(1, attempts.get(), "tried once at start");
        OutboxException refused = assertThrows(OutboxException.class,
                () -> outbox.append(List.of(new StoredEvent(1, new byte[] {1})), Map.of()));
        assertTrue(refused.getMessage().contains("cannot be opened"), refused.getMessage());

        time.advance(4_999);
        assertEquals(1, outbox.nextSeq(), "no store: seq 1");
        assertEquals(1, attempts.get(), "not again within 5 s");
        time.advance(2);
        outbox.nextSeq();
        assertEquals(2, attempts.get(), "again after 5 s");
        outbox.nextSeq();
        assertEquals(2, attempts.get(), "and then not for another 5 s");

        Files.delete(blocker);
        time.advance(5_001);
        assertEquals(1, outbox.nextSeq());
        assertEquals(3, attempts.get());
        assertTrue(outbox.available(), "open now");

        outbox.append(List.of(new StoredEvent(1, new byte[] {1})), Map.of("card-1", 1L));
        assertEquals(1, outbox.depth());
        assertEquals(1, appended.get(), "the listener registered before the store opened hears the append");
        time.advance(60_000);
        outbox.nextSeq();
        assertEquals(3, attempts.get(), "an open store is never opened again");
        outbox.close();
    }
}
