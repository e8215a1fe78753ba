package io.stampbox.signal;

/**
 * An indicator that passes every call to the one behind it, which can change while the unit runs (a pin or
 * platform change, GPIO that became usable): the status light last set is set again on the new one.
 */
public abstract class ForwardingIndicator implements Indicator {

    private volatile Indicator current;
    private volatile UnitState lastState;

    protected ForwardingIndicator(Indicator initial) {
        this.current = initial;
    }

    protected final Indicator current() {
        return current;
    }

    /** From now on {@code next} shows everything, starting with the last status light. */
    protected final void forwardTo(Indicator next) {
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
}
