package io.stampbox.fleet;

import io.stampbox.config.UnitConfig;

/** Contract 3.4: where data goes never moves from {@code ssl://} to {@code tcp://}, signed or not. */
final class Downgrade {

    private Downgrade() {}

    /** Why {@code next} would weaken the transport of {@code current}, or null when it does not. */
    static String check(UnitConfig current, UnitConfig next) {
        String from = current.mqtt().url();
        String to = next.mqtt().url();
        if (from != null && from.startsWith("ssl://") && (to == null || !to.startsWith("ssl://"))) {
            return "mqtt.url: never from ssl:// to " + (to == null ? "no broker" : "tcp://")
                    + " by a remote document (change the local file)";
        }
        return null;
    }
}
