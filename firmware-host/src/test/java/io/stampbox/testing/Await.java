package io.stampbox.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something with a deadline, so that no test sleeps for a fixed time: {@link #until} polls a
 * condition every few milliseconds and fails naming what it waited for; {@link #within} says whether it
 * came in time; {@link #next} takes from a queue until an element matches.
 */
public final class Await {

    /** How long a test waits for what should take milliseconds, on a busy machine. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Duration POLL = Duration.ofMillis(5);

    /** What is awaited: checked again until true. May throw; a thrown exception fails the wait at once. */
    @FunctionalInterface
    public interface Condition {
        boolean met() throws Exception;
    }

    private Await() {}

    /** Polls {@code condition} until it holds; fails after {@code timeout} naming {@code what}. */
    public static void until(String what, Duration timeout, Condition condition) {
        until(what, timeout, condition, () -> "");
    }

    /** As {@link #until(String, Duration, Condition)}; the failure also says {@code state}. */
    public static void until(String what, Duration timeout, Condition condition, Supplier<String> state) {
        until(what, timeout, POLL, condition, state);
    }

    /** As {@link #until(String, Duration, Condition, Supplier)}, checking only every {@code every}. */
    public static void until(String what, Duration timeout, Duration every, Condition condition,
            Supplier<String> state) {
        if (!poll(what, timeout, every, condition)) {
            String detail = state.get();
            throw new AssertionError("timed out after " + timeout + " waiting for " + what
                    + (detail.isEmpty() ? "" : ": " + detail));
        }
    }

    /** Whether {@code condition} held at some point within {@code window} (no failure if it did not). */
    public static boolean within(Duration window, Condition condition) {
        return poll("a condition", window, POLL, condition);
    }

    /**
     * Takes elements from {@code queue}, handing each to {@code taken}, until one matches; null when none
     * matched by {@code timeout}.
     */
    public static <T> T next(BlockingQueue<T> queue, Duration timeout, Predicate<T> match, Consumer<T> taken) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                T element = queue.poll(left, TimeUnit.NANOSECONDS);
                if (element == null) {
                    return null;
                }
                taken.accept(element);
                if (match.test(element)) {
                    return element;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while taking from a queue", e);
        }
    }

    private static boolean poll(String what, Duration timeout, Duration every, Condition condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check(what, condition)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        return true;
    }

    private static boolean check(String what, Condition condition) {
        try {
            return condition.met();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("failed while waiting for " + what + ": " + e, e);
        }
    }
}
