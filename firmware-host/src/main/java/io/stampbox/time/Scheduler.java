package io.stampbox.time;

/**
 * One thread that runs tasks now or after a delay, one at a time, and the time it goes by. The
 * production one is {@link ThreadScheduler} (one named daemon thread, {@link Ticker#SYSTEM}); tests pass a
 * manual one whose time moves only when told, so that timed paths (resends, reopen, rollback, waits)
 * run in milliseconds.
 */
public interface Scheduler extends Ticker {

    /** A delayed task that can be called off before it runs. */
    interface Task {
        void cancel();
    }

    /** Runs the task soon on the scheduler's thread. Throws RejectedExecutionException after shutdown. */
    void execute(Runnable task);

    /** Runs the task on the scheduler's thread after the delay; after shutdown, never (and no error). */
    Task schedule(Runnable task, long delayMillis);

    /**
     * Runs the tasks already handed to {@link #execute}, drops delayed ones, and stops the thread.
     *
     * @return false when the thread had to be interrupted and may not have run every task
     */
    boolean shutdown();
}
