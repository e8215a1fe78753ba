package io.stampbox.signal;

import java.util.EnumSet;
import java.util.Set;

/**
 * Combines the unit's conditions into the one idle state the indicator shows: the latest
 * {@link UnitState} constant that holds wins (a storage fault outranks a lost scanner), and READY
 * shows when none does. Thread-safe; {@link Indicator#state} only hands work over, so calling it
 * under the lock keeps the states in order without blocking.
 */
public final class StatusLight {

    private final Indicator indicator;
    private final Set<UnitState> conditions = EnumSet.noneOf(UnitState.class);

    public StatusLight(Indicator indicator) {
        this.indicator = indicator;
    }

    /** Raises or clears a condition (SCANNER_DISCONNECTED, STORAGE_FAULT); READY is not a condition. */
    public synchronized void set(UnitState condition, boolean holds) {
        if (holds && condition != UnitState.READY) {
            conditions.add(condition);
        } else {
            conditions.remove(condition);
        }
        indicator.state(shown());
    }

    /** The state shown now. */
    public synchronized UnitState shown() {
        UnitState shown = UnitState.READY;
        for (UnitState state : conditions) {
            shown = state; // EnumSet iterates in declaration order: the last one held wins
        }
        return shown;
    }
}
