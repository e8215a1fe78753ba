package io.stampbox.fleet;

import io.stampbox.time.Scheduler;
import io.stampbox.time.ThreadScheduler;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The "fleet" thread that configuration and commands share: how work gets onto it, isolated. */
final class FleetThread {

    private static final Logger log = LoggerFactory.getLogger(FleetThread.class);
    static final String NAME = "fleet";

    private FleetThread() {}

    static ThreadScheduler start() {
        return new ThreadScheduler(NAME);
    }

    /** Hands the task to the fleet thread; after shutdown, drops it. */
    static void run(Scheduler fleet, Runnable task) {
        try {
            fleet.execute(task);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** Runs the task; one that throws is logged and the thread goes on. */
    static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("fleet: {}", e.getMessage(), e);
        }
    }
}
