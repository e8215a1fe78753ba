package io.stampbox.counter;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The scan pipeline's intake: frames, staff presses, staff timer expiries and backend answers, in the order
 * they came. The scanner, button, timer and uplink threads put; only "scan-pipeline" takes.
 */
final class Intake {

    static final int CAPACITY = 1024;
    static final int WAIT_SECONDS = 5;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);

    /**
     * Waits for room rather than dropping: a burst faster than commits holds the scanner back (its bytes
     * wait in the OS buffer) and is recorded in full. False after {@link #WAIT_SECONDS} without room.
     */
    boolean put(Object item) {
        try {
            return queue.offer(item, WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Without waiting: for callers that must never block (the uplink's dispatch thread). */
    boolean offer(Object item) {
        return queue.offer(item);
    }

    /**
     * The next item, or null after 100 ms. Never interrupted from outside: an interrupt during a commit would
     * close the store's file channel, so the taking thread stops by a flag, not by interrupts.
     */
    Object poll() {
        try {
            return queue.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return null;
        }
    }

    /** Moves what is queued, up to {@code max} items, into {@code items}. */
    void drainTo(List<Object> items, int max) {
        queue.drainTo(items, max);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}
