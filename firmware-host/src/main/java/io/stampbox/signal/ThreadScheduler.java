package io.stampbox.signal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production scheduler: one daemon thread named {@code indicator}. */
final class ThreadScheduler implements Scheduler {

    private static final Logger log = LoggerFactory.getLogger(ThreadScheduler.class);
    static final String THREAD_NAME = "indicator";

    private final ScheduledThreadPoolExecutor executor;

    ThreadScheduler() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
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
            return () -> {}; // closing: a step that would play after close never will
        }
    }

    /** A task that throws is logged; the executor would otherwise keep the error in a future nobody reads. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("indicator: task failed", e);
            }
        };
    }

    boolean stopped() {
        return executor.isTerminated();
    }

    @Override
    public boolean shutdown() {
        executor.shutdown();
        try {
            if (executor.awaitTermination(2, TimeUnit.SECONDS)) {
                return true;
            }
            log.warn("indicator: thread did not stop within 2 s; interrupting it");
            executor.shutdownNow();
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
