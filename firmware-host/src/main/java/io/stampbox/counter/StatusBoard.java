package io.stampbox.counter;

import io.stampbox.signal.Indicator;
import io.stampbox.signal.UnitState;

/** Combines what is wrong with the unit into the one idle state its status light shows. */
public final class StatusBoard {

    private final Indicator indicator;
    private boolean scannerConnected;
    private boolean storageFault;
    private boolean storageRecovered;
    private UnitState shown;

    public StatusBoard(Indicator indicator) {
        this.indicator = indicator;
    }

    public synchronized void scannerConnected(boolean connected) {
        scannerConnected = connected;
        update();
    }

    public synchronized boolean scannerConnected() {
        return scannerConnected;
    }

    /** The last write to storage failed (or succeeded again). */
    public synchronized void storageFault(boolean fault) {
        storageFault = fault;
        update();
    }

    /** A corrupt store was moved aside at start: shown as a storage fault until the next restart. */
    public synchronized void storageRecovered() {
        storageRecovered = true;
        update();
    }

    public synchronized boolean storageHealthy() {
        return !storageFault && !storageRecovered;
    }

    private void update() {
        UnitState state = storageFault || storageRecovered
                ? UnitState.STORAGE_FAULT
                : scannerConnected ? UnitState.READY : UnitState.SCANNER_DISCONNECTED;
        if (state != shown) {
            shown = state;
            indicator.state(state);
        }
    }
}
