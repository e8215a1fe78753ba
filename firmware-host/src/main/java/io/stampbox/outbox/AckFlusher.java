package io.stampbox.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The thread {@code outbox-ack-flush}: runs the outbox's acknowledgement flush every
 * {@code ackFlushInterval} (first after one interval) until {@link #stop()}. The flush itself takes
 * {@code MapDbOutbox.writeLock}; this class holds no lock of its own.
 */
final class AckFlusher {

    private final ScheduledExecutorService flusher;

    AckFlusher(Duration every, Runnable flush) {
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-ack-flush");
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        flusher.scheduleWithFixedDelay(flush, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the schedule and waits (up to 10 s) for a flush under way to finish. */
    void stop() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
