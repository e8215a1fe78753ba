package io.stampbox.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Wraps a panel and records each change with its time and thread; Pi4J's mock keeps no history. */
final class RecordingPanel implements Panel {

    record Change(long at, Colour colour, int toneHz) {}

    private final Panel inner;
    private final LongSupplier clock;
    private final List<Change> changes = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();
    private boolean closed;
    private int setsAfterClose;

    RecordingPanel(Panel inner, LongSupplier clock) {
        this.inner = inner;
        this.clock = clock;
    }

    @Override
    public synchronized void set(Colour colour, int toneHz) {
        if (closed) {
            setsAfterClose++;
        }
        inner.set(colour, toneHz);
        changes.add(new Change(clock.getAsLong(), colour, toneHz));
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public synchronized void close() {
        closed = true;
        threads.add(Thread.currentThread().getName());
        inner.close();
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    synchronized List<Change> since(long at) {
        return changes.stream().filter(c -> c.at() >= at).toList();
    }

    synchronized List<String> threads() {
        return List.copyOf(threads);
    }

    synchronized int setsAfterClose() {
        return setsAfterClose;
    }

    synchronized boolean closed() {
        return closed;
    }

    /** The changes a pattern makes when it starts at the given time. */
    static List<Change> timeline(Pattern pattern, long start) {
        List<Change> expected = new ArrayList<>();
        long at = start;
        for (Step step : pattern.steps()) {
            expected.add(new Change(at, step.colour(), step.toneHz()));
            at += step.millis();
        }
        return expected;
    }
}
