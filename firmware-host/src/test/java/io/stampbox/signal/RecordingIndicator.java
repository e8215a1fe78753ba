package io.stampbox.signal;

import java.util.ArrayList;
import java.util.List;

/** Remembers what it was told. */
final class RecordingIndicator implements Indicator {

    final List<Indication> shown = new ArrayList<>();
    final List<UnitState> states = new ArrayList<>();

    @Override
    public synchronized void show(Indication indication) {
        shown.add(indication);
    }

    @Override
    public synchronized void state(UnitState state) {
        states.add(state);
    }

    @Override
    public void identify() {}

    @Override
    public void close() {}
}
