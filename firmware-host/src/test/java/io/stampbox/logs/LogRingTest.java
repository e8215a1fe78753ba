package io.stampbox.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogRingTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private static void fill(LogRing ring, int count) {
        for (int i = 1; i <= count; i++) {
            ring.add(T0.plusSeconds(i), i % 2 == 0 ? "DEBUG" : "INFO", "main", "Unit", "line " + i);
        }
    }

    @Test
    void theOldestLinesGoWhenTheCountIsPassedAndTheReaderIsToldHowManyItMissed() {
        LogRing ring = new LogRing(5, 1 << 20);
        fill(ring, 8);
        LogRing.Page page = ring.read(0, null, Levels.Floor.ALL, 100, 1 << 20);
        assertEquals(5, page.lines().size());
        assertEquals(4, page.lines().get(0).n());
        assertEquals(3, page.dropped(), "lines 1..3 are gone");
        assertEquals(8, page.next());
        assertFalse(page.more());
    }

    @Test
    void theOldestLinesGoWhenTheSizeIsPassed() {
        LogRing ring = new LogRing(1000, 1000);
        for (int i = 0; i < 20; i++) {
            ring.add(T0, "INFO", "main", "Unit", "x".repeat(200));
        }
        LogRing.Page page = ring.read(0, null, Levels.Floor.ALL, 1000, 1 << 20);
        assertTrue(page.lines().size() * (200 + 4 + 4 + 96) <= 1000, page.lines().size() + " lines kept");
        assertEquals(20 - page.lines().size(), page.dropped());
    }

    @Test
    void aLongMessageIsCutAndSaysSo() {
        LogRing ring = new LogRing(10, 1 << 20);
        ring.add(T0, "INFO", "main", "Unit", "y".repeat(LogRing.MAX_MESSAGE_CHARS + 50));
        String message = ring.read(0, null, Levels.Floor.ALL, 10, 1 << 20).lines().get(0).message();
        assertTrue(message.endsWith("...(50 more)"), message);
    }

    @Test
    void pagesGoOnAfterTheLastLineLookedAtAndFilterByTimeAndLevel() {
        LogRing ring = new LogRing(100, 1 << 20);
        fill(ring, 10);
        LogRing.Page first = ring.read(0, T0.plusSeconds(3), Levels.floor("info"), 2, 1 << 20);
        assertEquals(java.util.List.of(3L, 5L), first.lines().stream().map(LogRing.Line::n).toList());
        assertTrue(first.more());
        LogRing.Page second = ring.read(first.next(), T0.plusSeconds(3), Levels.floor("INFO"), 2, 1 << 20);
        assertEquals(java.util.List.of(7L, 9L), second.lines().stream().map(LogRing.Line::n).toList());
        LogRing.Page third = ring.read(second.next(), T0.plusSeconds(3), Levels.floor("INFO"), 2, 1 << 20);
        assertTrue(third.lines().isEmpty());
        assertFalse(third.more());
        assertEquals(10, third.next());
    }

    @Test
    void aBadLevelNamesTheLevels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Levels.floor("LOUD"));
        assertEquals("level: must be one of TRACE, DEBUG, INFO, WARN, ERROR, got \"LOUD\"", e.getMessage());
    }

    @Test
    void theDaemonsLoggingFillsTheSharedRingOnOneLineWithTheCauseButNoStack() {
        long before = LogRing.shared().last();
        LoggerFactory.getLogger(LogRingTest.class).warn("two\nlines", new IllegalStateException("boom",
                new java.io.IOException("disk")));
        LogRing.Line line = LogRing.shared().read(before, null, Levels.Floor.ALL, 10, 1 << 20).lines().stream()
                .filter(l -> l.logger().equals("LogRingTest")).findFirst().orElseThrow();
        assertEquals("WARN", line.level());
        assertEquals("two\\nlines (java.lang.IllegalStateException: boom; caused by java.io.IOException: disk)",
                line.message());
        assertEquals(Thread.currentThread().getName(), line.thread());
    }
}
