package io.stampbox.fleet;

import io.stampbox.signal.Indication;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.UnitState;

/**
 * The indicator that the pipeline and status board hold: it passes every call to the current
 * indicator, which a pin or platform change replaces. The status light is set again on the new one.
 */
public final class SwappableIndicator implements Indicator {

    private volatile Indicator current;
    private volatile UnitState lastState;

    public SwappableIndicator(Indicator initial) {
        this.current = initial;
    }

    /** Closes the current indicator (its outputs off) and carries on with {@code next}. */
    public synchronized void replace(Indicator next) {
        Indicator old = current;
        current = next;
        old.close();
        UnitState state = lastState;
        if (state != null) {
            next.state(state);
        }
    }

    @Override
    public void show(Indication indication) {
        current.show(indication);
    }

    @Override
    public void state(UnitState state) {
        lastState = state;
        current.state(state);
    }

    @Override
    public void identify() {
        current.identify();
    }

    @Override
    public synchronized void close() {
        current.close();
    }
}
