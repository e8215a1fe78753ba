package io.stampbox.signal;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;

/** A scheduler on a manual clock: the test thread plays the indicator thread and moves time. */
final class ManualScheduler implements Scheduler {

    private static final class Entry implements Task {
        final long due;
        final long order;
        final Runnable task;
        boolean cancelled;

        Entry(long due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>(Comparator.<Entry>comparingLong(e -> e.due).thenComparingLong(e -> e.order));
    private long now;
    private long order;
    private boolean shutdown;

    long now() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("manual scheduler is shut down");
        }
        task.run();
    }

    @Override
    public Task schedule(Runnable task, long delayMillis) {
        Entry entry = new Entry(now + delayMillis, order++, task);
        queue.add(entry);
        return entry;
    }

    /** Moves the clock forward, running every task that falls due on the way, in order. */
    void advance(long millis) {
        long target = now + millis;
        while (!queue.isEmpty() && queue.peek().due <= target) {
            Entry entry = queue.poll();
            now = entry.due;
            if (!entry.cancelled) {
                entry.task.run();
            }
        }
        now = target;
    }

    /** Delayed tasks not cancelled yet. */
    long pending() {
        return queue.stream().filter(e -> !e.cancelled).count();
    }

    @Override
    public boolean shutdown() {
        shutdown = true;
        queue.clear();
        return true;
    }
}
