package io.stampbox.uplink;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What reaches the drain thread from other threads: wake-ups (outbox appends, backend acks, flush),
 * publish completions (Paho's threads) and connection changes (the uplink's thread). Each only records
 * and wakes; the drain thread takes them in at its next step.
 */
final class DrainSignals {

    /** A publish's outcome, tagged with the drain round it was sent in. */
    record Completion(long round, long seq, Throwable failure) {}

    private final Semaphore wake = new Semaphore(0);
    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    /** Connection changes: (count << 1) | (connected ? 1 : 0), in one atomic word. */
    private final AtomicLong link = new AtomicLong();

    void wake() {
        wake.release();
    }

    /** A change of the uplink's state; counts as a new connection epoch. */
    void linkChanged(boolean up) {
        long bit = up ? 1 : 0;
        link.getAndUpdate(v -> ((v >>> 1) + 1) << 1 | bit);
        wake.release();
    }

    /** The initial state, unless a change already arrived. */
    void linkInitially(boolean up) {
        link.compareAndSet(0, up ? 1 : 0);
    }

    /** The connection word: epoch in the high bits, connected in bit 0. */
    long link() {
        return link.get();
    }

    void completed(long round, long seq, Throwable failure) {
        completions.add(new Completion(round, seq, failure));
        wake.release();
    }

    /** The next completion, or null. */
    Completion nextCompletion() {
        return completions.poll();
    }

    /**
     * Sleeps until woken, but never past {@code pauseNanos} (when positive), and no longer than
     * {@code recheckNanos} while work is pending, so that a lost wake-up cannot stall the drain.
     */
    void await(long pauseNanos, boolean pending, long recheckNanos) throws InterruptedException {
        if (pauseNanos > 0) {
            wake.tryAcquire(pending ? Math.min(pauseNanos, recheckNanos) : pauseNanos, TimeUnit.NANOSECONDS);
        } else if (pending) {
            wake.tryAcquire(recheckNanos, TimeUnit.NANOSECONDS);
        } else {
            wake.acquire();
        }
        wake.drainPermits();
    }
}
