package io.stampbox.uplink;

import java.util.List;

/**
 * Which broker of {@code mqtt.urls} the unit uses or tries next. When the broker in use fails (a connect
 * fails or the connection is lost) the next one of the list is tried, at once; only when every broker
 * failed in a row does the unit back off. With one URL every failure backs off, as with {@code mqtt.url}.
 * Owned by the "uplink" thread.
 */
final class BrokerRotation {

    private final List<String> urls;
    private int current;
    private int failedInARow;

    BrokerRotation(List<String> urls) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no broker URL");
        }
        this.urls = List.copyOf(urls);
    }

    /** The broker in use, or tried now. */
    String current() {
        return urls.get(current);
    }

    int size() {
        return urls.size();
    }

    /** Connected to {@link #current()}: it stays the one in use until it fails. */
    void connected() {
        failedInARow = 0;
    }

    /**
     * {@link #current()} failed; the next of the list becomes current.
     *
     * @return true when every broker failed since the last connection (or start): time to back off; the
     *     count starts again, so the next round tries every broker once more
     */
    boolean failed() {
        current = (current + 1) % urls.size();
        if (++failedInARow < urls.size()) {
            return false;
        }
        failedInARow = 0;
        return true;
    }
}
