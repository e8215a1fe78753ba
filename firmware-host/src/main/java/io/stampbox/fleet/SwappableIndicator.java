package io.stampbox.fleet;

import io.stampbox.signal.ForwardingIndicator;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.NoIndicator;
import java.util.function.Supplier;

/**
 * The indicator that the pipeline and status board hold: it passes every call to the current
 * indicator, which a pin or platform change replaces. The status light is set again on the new one.
 */
public final class SwappableIndicator extends ForwardingIndicator {

    public SwappableIndicator(Indicator initial) {
        super(initial);
    }

    /**
     * Closes the current indicator (its outputs off, its pins released), then opens the next one with
     * {@code opener}, so that both may use the same pins. Signals in between are not shown.
     */
    public synchronized void reopen(Supplier<Indicator> opener) {
        Indicator old = current();
        forwardTo(new NoIndicator());
        old.close();
        forwardTo(opener.get());
    }

    @Override
    public synchronized void close() {
        current().close();
    }
}
