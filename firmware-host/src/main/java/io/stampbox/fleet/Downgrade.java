package io.stampbox.fleet;

import io.stampbox.config.UnitConfig;
import java.util.List;

/**
 * Contract 3.4: where data goes never moves from {@code ssl://} to {@code tcp://}, signed or not. With
 * {@code mqtt.urls} every broker of the list counts: one {@code tcp://} URL in a list that replaces an
 * {@code ssl://} one is a downgrade.
 */
final class Downgrade {

    private Downgrade() {}

    /** Why {@code next} would weaken the transport of {@code current}, or null when it does not. */
    static String check(UnitConfig current, UnitConfig next) {
        List<String> from = current.mqtt().urls();
        List<String> to = next.mqtt().urls();
        if (from.stream().noneMatch(u -> u.startsWith("ssl://"))) {
            return null;
        }
        if (to.isEmpty()) {
            return "mqtt.url: never from ssl:// to no broker by a remote document (change the local file)";
        }
        for (int i = 0; i < to.size(); i++) {
            if (!to.get(i).startsWith("ssl://")) {
                return (to.size() == 1 ? "mqtt.url" : "mqtt.urls[" + i + "]")
                        + ": never from ssl:// to tcp:// by a remote document (change the local file)";
            }
        }
        return null;
    }
}
