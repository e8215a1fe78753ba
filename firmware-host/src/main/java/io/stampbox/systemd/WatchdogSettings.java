package io.stampbox.systemd;

import java.util.Map;

/** Reads the watchdog settings systemd passes in the environment (see sd_watchdog_enabled(3)). */
final class WatchdogSettings {

    /** Fed three times per period, so that one slow round does not miss it. */
    static final int FEEDS_PER_PERIOD = 3;

    private WatchdogSettings() {}

    /** The feeding interval in ms, or 0 when no watchdog is set for process {@code pid}. */
    static long intervalMs(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null) {
            return 0;
        }
        String forPid = env.get("WATCHDOG_PID");
        if (forPid != null && !forPid.equals(Long.toString(pid))) {
            return 0;
        }
        try {
            long periodUs = Long.parseLong(usec.strip());
            return periodUs <= 0 ? 0 : Math.max(1, periodUs / 1000 / FEEDS_PER_PERIOD);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
