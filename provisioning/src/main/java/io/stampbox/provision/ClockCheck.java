package io.stampbox.provision;

import io.stampbox.counter.ClockStatus;

/** Whether the clock is synchronised, asked the way the unit asks it. */
final class ClockCheck {

    private ClockCheck() {}

    static CheckResult run(ClockStatus clock) {
        return clock.synced()
                ? CheckResult.pass("clock", "synchronised")
                : CheckResult.fail("clock", "not known to be synchronised: scans are sent with clockSynced=false",
                        "timedatectl set-ntp true, and let the unit reach an NTP server (UDP 123); "
                                + "a unit with a real-time clock can set clock.assumeSynced");
    }
}
