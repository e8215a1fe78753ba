package io.stampbox.app;

import io.stampbox.signal.Indication;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.UnitState;
import io.stampbox.wire.UnitSnapshot;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The indicator the scan pipeline shows through, remembering the last {@value #KEPT} signals for the live
 * view ({@link LiveStateFile}). Called by whichever thread shows a signal; its monitor is a leaf held only
 * to add or copy.
 */
final class RecentSignals implements Indicator {

    static final int KEPT = 10;

    private final Indicator delegate;
    private final Clock clock;
    private final ArrayDeque<UnitSnapshot.SignalSeen> seen = new ArrayDeque<>();

    RecentSignals(Indicator delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public void show(Indication indication) {
        synchronized (seen) {
            if (seen.size() == KEPT) {
                seen.removeFirst();
            }
            seen.addLast(new UnitSnapshot.SignalSeen(indication.signal().wireName(), clock.instant().toString(),
                    indication.seq()));
        }
        delegate.show(indication);
    }

    /** Oldest first. */
    List<UnitSnapshot.SignalSeen> last() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void state(UnitState state) {
        delegate.state(state);
    }

    @Override
    public void identify() {
        delegate.identify();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
