package io.stampbox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsAsSoonAsTheConditionHoldsAndSleepsBetweenChecks() {
        AtomicInteger checks = new AtomicInteger();
        long start = System.nanoTime();
        Await.until("the third check", Duration.ofSeconds(5), () -> checks.incrementAndGet() == 3);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(3, checks.get());
        assertTrue(millis >= 8, "two pauses of 5 ms between three checks, took " + millis + " ms");
    }

    @Test
    void aTimeoutNamesWhatWasAwaitedAndTheState() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Await.until("the door to open", Duration.ofMillis(30), () -> false, () -> "door: shut"));
        assertEquals("timed out after PT0.03S waiting for the door to open: door: shut", e.getMessage());
    }

    @Test
    void aCheckedExceptionFromTheConditionFailsAtOnceWithItsCause() {
        IOException cause = new IOException("disk gone");
        AssertionError e = assertThrows(AssertionError.class,
                () -> Await.until("a file", Duration.ofSeconds(5), () -> {
                    throw cause;
                }));
        assertSame(cause, e.getCause());
        assertTrue(e.getMessage().startsWith("failed while waiting for a file"), e.getMessage());
    }

    @Test
    void withinSaysWhetherItHappenedInTime() {
        assertFalse(Await.within(Duration.ofMillis(20), () -> false));
        assertTrue(Await.within(Duration.ofMillis(20), () -> true));
    }

    @Test
    void nextTakesUntilAMatchAndHandsOverWhatItSkipped() {
        LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>(List.of("a", "b", "c", "d"));
        List<String> taken = new ArrayList<>();
        assertEquals("c", Await.next(queue, Duration.ofSeconds(1), "c"::equals, taken::add));
        assertEquals(List.of("a", "b", "c"), taken);
        assertNull(Await.next(queue, Duration.ofMillis(20), "x"::equals, taken::add));
        assertEquals(List.of("a", "b", "c", "d"), taken);
    }
}
