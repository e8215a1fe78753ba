package io.stampbox.counter;

import io.stampbox.signal.Indication;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.UnitState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the unit showed, and lets a test wait for it. */
final class RecordingIndicator implements Indicator {

    final List<Indication> shown = new CopyOnWriteArrayList<>();
    final List<UnitState> states = new CopyOnWriteArrayList<>();

    @Override
    public void show(Indication indication) {
        shown.add(indication);
    }

    @Override
    public void state(UnitState state) {
        states.add(state);
    }

    @Override
    public void identify() {}

    @Override
    public void close() {}

    /** Waits until {@code count} signals were shown, and returns them. */
    List<Indication> await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (shown.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " signals, got " + shown);
            }
            Thread.sleep(5);
        }
        return List.copyOf(shown);
    }
}
