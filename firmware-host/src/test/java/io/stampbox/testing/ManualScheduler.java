package io.stampbox.testing;

import io.stampbox.time.Scheduler;
import io.stampbox.time.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * A scheduler on a manual clock: the test thread plays the scheduler's thread and moves time.
 * {@link #execute} runs the task at once; delayed tasks run inside {@link #advance}, in due order.
 * {@link #nanos()} and {@link #clock()} move with it. Thread-safe, so that a component's own thread
 * may read the time while the test moves it; tasks always run on the thread calling {@link #advance}.
 */
public final class ManualScheduler implements Scheduler {

    /** Where {@link #clock()} starts. */
    public static final Instant EPOCH = Instant.parse("2026-11-30T08:00:00Z");

    private static final class Entry implements Task {
        final long due;
        final long order;
        final Runnable task;
        volatile boolean cancelled;

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
    private volatile long now;
    private long order;
    private volatile boolean shutdown;

    /** Milliseconds since this scheduler was made. */
    public long now() {
        return now;
    }

    @Override
    public long nanos() {
        return now * 1_000_000L;
    }

    /** A wall clock that reads {@link #EPOCH} plus {@link #now()}. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return EPOCH.plusMillis(now);
            }
        };
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("manual scheduler is shut down");
        }
        task.run();
    }

    @Override
    public synchronized Task schedule(Runnable task, long delayMillis) {
        Entry entry = new Entry(now + delayMillis, order++, task);
        if (!shutdown) {
            queue.add(entry);
        }
        return entry;
    }

    /** Moves the clock forward, running every task that falls due on the way, in order. */
    public void advance(long millis) {
        long target = now + millis;
        Entry entry;
        while ((entry = nextDue(target)) != null) {
            now = entry.due;
            if (!entry.cancelled) {
                entry.task.run();
            }
        }
        now = target;
    }

    private synchronized Entry nextDue(long target) {
        return !queue.isEmpty() && queue.peek().due <= target ? queue.poll() : null;
    }

    /** Delayed tasks not cancelled yet. */
    public synchronized long pending() {
        return queue.stream().filter(e -> !e.cancelled).count();
    }

    @Override
    public synchronized boolean shutdown() {
        shutdown = true;
        queue.clear();
        return true;
    }
}
