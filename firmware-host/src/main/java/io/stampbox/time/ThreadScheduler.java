package io.stampbox.time;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production scheduler: one daemon thread with the given name, started with the first task, on
 * {@link Ticker#SYSTEM}. A task that throws is logged with the thread's name; the thread goes on.
 */
public final class ThreadScheduler implements Scheduler {

    private static final Logger log = LoggerFactory.getLogger(ThreadScheduler.class);

    private final String name;
    private final ScheduledThreadPoolExecutor executor;

    public ThreadScheduler(String name) {
        this.name = name;
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** The thread's name. */
    public String name() {
        return name;
    }

    @Override
    public long nanos() {
        return System.nanoTime();
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    @Override
    public Task schedule(Runnable task, long delayMillis) {
        try {
            var future = executor.schedule(guarded(task), delayMillis, TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> {}; // shut down: a task that would run after that never will
        }
    }

    /** A task that throws is logged; the executor would otherwise keep the error in a future nobody reads. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("{}: task failed", name, e);
            }
        };
    }

    /** Whether the thread has stopped after {@link #shutdown}. */
    public boolean stopped() {
        return executor.isTerminated();
    }

    /**
     * Drops the tasks not started yet, interrupts the one running, and waits up to 2 s for the thread to
     * stop: for work that is pointless once its owner stops.
     */
    public void shutdownNow() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean shutdown() {
        executor.shutdown();
        try {
            if (executor.awaitTermination(2, TimeUnit.SECONDS)) {
                return true;
            }
            log.warn("{}: thread did not stop within 2 s; interrupting it", name);
            executor.shutdownNow();
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
