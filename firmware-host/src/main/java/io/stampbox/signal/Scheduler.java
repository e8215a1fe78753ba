package io.stampbox.signal;

/**
 * The indicator's one thread: runs tasks now or after a delay, one at a time. A seam so that tests
 * drive pattern timing with a manual clock instead of waiting.
 */
interface Scheduler {

    /** A delayed task that can be called off before it runs. */
    interface Task {
        void cancel();
    }

    /** Runs the task soon on the scheduler's thread. */
    void execute(Runnable task);

    /** Runs the task on the scheduler's thread after the delay. */
    Task schedule(Runnable task, long delayMillis);

    /**
     * Runs the tasks already handed to {@link #execute}, drops delayed ones, and stops the thread.
     *
     * @return false when the thread had to be interrupted and may not have run every task
     */
    boolean shutdown();
}
