package io.stampbox.uplink;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "uplink" thread, owner of the client's lifecycle: tasks run on it one at a time, in order. Once it
 * is stopped, tasks handed to it are dropped.
 */
final class UplinkThread {

    private static final Logger log = LoggerFactory.getLogger(UplinkThread.class);

    private final ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "uplink");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code task} on the thread; returns at once (Paho's threads hand over this way). */
    void execute(Runnable task) {
        try {
            owner.execute(task);
        } catch (RejectedExecutionException e) {
            // stopped: nothing more happens
        }
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return owner.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean stopped() {
        return owner.isShutdown();
    }

    /** Runs {@code last} on the thread, waits up to {@code timeout} for it, and ends the thread. */
    void stopAfter(Runnable last, Duration timeout) {
        try {
            owner.submit(last).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.warn("uplink: stop did not finish cleanly: {}", e.toString());
        }
        owner.shutdownNow();
    }
}
