package io.stampbox.fleet;

import io.stampbox.signal.Indication;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.NoIndicator;
import io.stampbox.signal.UnitState;
import java.util.function.Supplier;

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

    /**
     * Closes the current indicator (its outputs off, its pins released), then opens the next one with
     * {@code opener}, so that both may use the same pins. Signals in between are not shown.
     */
    public synchronized void reopen(Supplier<Indicator> opener) {
        Indicator old = current;
        current = new NoIndicator();
        old.close();
        Indicator next = opener.get();
        current = next;
        UnitState state = lastState;
        if (state != null) {
            next.state(state);
        }
    }

    @Override
    public String signals() {
        return current.signals();
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
