package io.stampbox.fleet;

import io.stampbox.config.UnitConfig;

/**
 * The running parts that a new configuration may have to rebuild. Called on the "fleet" thread after
 * the new configuration was swapped in (patterns and cooldowns already hold from the next scan).
 */
public interface LiveUnit {

    /** Closes the scanner and opens it again with {@code next.scanner()}. */
    void reopenScanner(UnitConfig next);

    /** Turns the LEDs and buzzer off and opens them again with {@code next.feedback()}. */
    void reinitIndicator(UnitConfig next);

    /**
     * Stops the uplink, drainer and health reporter and builds them again from {@code next}; the new
     * uplink must be handed to {@link FleetAgent#attach} before it starts.
     */
    void rebuildCloud(UnitConfig next);

    /** {@code codes.cooldownSeconds} changed: keep card stamp times long enough for the new one. */
    void cooldownChanged(UnitConfig next);

    /** Which parts differ between two configurations, and has them rebuilt. */
    static void apply(UnitConfig old, UnitConfig next, LiveUnit unit) {
        if (old.codes().cooldownSeconds() != next.codes().cooldownSeconds()) {
            unit.cooldownChanged(next);
        }
        if (!old.scanner().equals(next.scanner())) {
            unit.reopenScanner(next);
        }
        if (!old.feedback().equals(next.feedback())) {
            unit.reinitIndicator(next);
        }
        if (!old.mqtt().equals(next.mqtt()) || !old.health().equals(next.health())) {
            unit.rebuildCloud(next);
        }
    }
}
