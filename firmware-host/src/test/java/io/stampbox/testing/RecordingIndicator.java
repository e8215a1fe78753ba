package io.stampbox.testing;

import io.stampbox.signal.Indication;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.UnitState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link Indicator} that records what the unit showed (from any thread), and lets a test wait for it. */
public final class RecordingIndicator implements Indicator {

    private final List<Indication> shown = new CopyOnWriteArrayList<>();
    private final List<UnitState> states = new CopyOnWriteArrayList<>();

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

    /** The signals shown so far, oldest first. */
    public List<Indication> shown() {
        return List.copyOf(shown);
    }

    /** The unit states shown so far, oldest first. */
    public List<UnitState> states() {
        return List.copyOf(states);
    }

    /** The last unit state shown; fails if none was. */
    public UnitState lastState() {
        List<UnitState> all = states();
        if (all.isEmpty()) {
            throw new AssertionError("no unit state was shown");
        }
        return all.get(all.size() - 1);
    }

    /** Waits until {@code count} signals were shown, and returns them. */
    public List<Indication> await(int count) {
        Await.until(count + " signals", Await.TIMEOUT, () -> shown.size() >= count, () -> "got " + shown);
        return shown();
    }
}
