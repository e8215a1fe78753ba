package io.stampbox.update;

import java.time.Instant;

/** What the updater looks at in the running unit. */
public interface UpdatePorts {

    /** When the last scan was taken; null before the first one of this run. */
    Instant lastScanAt();

    /**
     * The unit works: the scan pipeline turned, the scanner is open, the uplink is connected and the broker
     * accepts its publishes. The new version writes its "verified" marker only then (after one more
     * publish the broker acknowledged).
     */
    boolean working();

    /** The version the unit runs now (the installed package's). */
    String runningVersion();
}
