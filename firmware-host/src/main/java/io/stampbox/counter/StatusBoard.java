package io.stampbox.counter;

import io.stampbox.signal.GuideLight;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.StatusLight;
import io.stampbox.signal.UnitState;

/**
 * What is wrong with the unit now, for the status light and for health. The light shows the worst
 * condition ({@link StatusLight}); the facts stay readable here.
 */
public final class StatusBoard {

    private final StatusLight light;
    private volatile boolean scannerConnected;
    private volatile boolean storageFault;
    private volatile boolean storageRecovered;
    private volatile GuideLight guide = GuideLight.NONE;

    public StatusBoard(Indicator indicator) {
        this.light = new StatusLight(indicator);
    }

    public void scannerConnected(boolean connected) {
        scannerConnected = connected;
        light.set(UnitState.SCANNER_DISCONNECTED, !connected);
        guide();
    }

    /** The customers' guide light: on while a scan can be taken (scanner there, storage writing). */
    public void guideLight(GuideLight light) {
        guide = light;
        guide();
    }

    private synchronized void guide() {
        guide.set(scannerConnected && !storageFault);
    }

    /**
     * The broker refuses what the unit publishes or subscribes to (MQTT 5 reason codes, contract revision):
     * scans are still recorded, but nothing reaches the backend until an admin fixes the broker's ACL.
     */
    public void uplinkRefused(boolean refused) {
        light.set(UnitState.UPLINK_REFUSED, refused);
    }

    public boolean scannerConnected() {
        return scannerConnected;
    }

    /** The last write to storage failed (or succeeded again). */
    public synchronized void storageFault(boolean fault) {
        storageFault = fault;
        light.set(UnitState.STORAGE_FAULT, fault || storageRecovered);
        guide();
    }

    /** A corrupt store was moved aside at start: shown as a storage fault until the next restart. */
    public synchronized void markStorageRecovered() {
        storageRecovered = true;
        light.set(UnitState.STORAGE_FAULT, true);
    }

    public boolean storageFault() {
        return storageFault;
    }

    public boolean storageRecovered() {
        return storageRecovered;
    }
}
