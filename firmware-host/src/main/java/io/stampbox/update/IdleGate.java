package io.stampbox.update;

import io.stampbox.config.UnitConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Whether the counter is idle enough, and inside the maintenance window, to install an update now. */
final class IdleGate {

    /** Why the unit waits; {@code kind} changes less often than {@code text} (which counts seconds). */
    record Wait(String kind, String text) {}

    private IdleGate() {}

    /**
     * @param lastScan the last scan of this run, or null
     * @param since when the unit started waiting (a unit that just started counts as busy until then)
     * @return null when the update may be installed now
     */
    static Wait check(Instant now, Instant lastScan, Instant since, UnitConfig.Update update, ZoneId zone) {
        if (update.window() != null && !update.window().contains(now.atZone(zone).toLocalTime())) {
            return new Wait("window", "outside the maintenance window " + update.window().from() + "-"
                    + update.window().to() + " (" + zone + ")");
        }
        Instant quietFrom = lastScan == null || lastScan.isBefore(since) ? since : lastScan;
        long quiet = Duration.between(quietFrom, now).toSeconds();
        if (quiet < update.idleSeconds()) {
            String what = lastScan == null || lastScan.isBefore(since) ? "no scan since the package was ready"
                    : "last scan " + Math.max(quiet, 0) + " s ago";
            return new Wait("idle", what + "; waiting for " + update.idleSeconds() + " s without a scan");
        }
        return null;
    }
}
