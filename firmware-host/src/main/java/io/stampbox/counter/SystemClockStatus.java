package io.stampbox.counter;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Asks the system whether the clock is synchronised: systemd-timesyncd creates
 * {@code /run/systemd/timesync/synchronized} once it has synchronised since boot. Cached briefly: the
 * check runs on the scan path.
 */
public final class SystemClockStatus implements ClockStatus {

    private static final Path TIMESYNCD_FLAG = Path.of("/run/systemd/timesync/synchronized");
    private static final long RECHECK_NANOS = 5_000_000_000L;

    private final boolean assumeSynced;
    private final Path flag;
    private volatile boolean synced;
    private volatile long checkedAt;
    private volatile boolean checked;

    public SystemClockStatus(boolean assumeSynced) {
        this(assumeSynced, TIMESYNCD_FLAG);
    }

    SystemClockStatus(boolean assumeSynced, Path flag) {
        this.assumeSynced = assumeSynced;
        this.flag = flag;
    }

    @Override
    public boolean synced() {
        if (assumeSynced) {
            return true;
        }
        long now = System.nanoTime();
        if (!checked || now - checkedAt > RECHECK_NANOS) {
            synced = Files.exists(flag);
            checkedAt = now;
            checked = true;
        }
        return synced;
    }
}
