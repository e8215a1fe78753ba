package io.stampbox.uplink;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker refused (MQTT 5 reason codes >= 128 on PUBACK and SUBACK) and why the last connection
 * ended, for {@link Uplink#lastError()}, {@link Uplink#report()} and the log, which says each refusal once
 * per change (a refusing broker answers every publish the same way). Thread-safe: Paho's threads report.
 */
final class Refusals {

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);

    private final String protocol;
    private final AtomicLong publishesRefused = new AtomicLong();
    private volatile String refusal;
    private volatile List<String> subscriptionsRefused = List.of();
    private volatile String lastDisconnect;
    private String logged;
    private final java.util.function.Consumer<String> problems;
    private String told;

    /** @param problems told each change of {@link #problem()} (on the reporting Paho thread: must not block) */
    Refusals(String protocol, java.util.function.Consumer<String> problems) {
        this.protocol = protocol;
        this.problems = problems;
    }

    /** A new connection: its subscriptions are not answered yet; the last publish refusal stands. */
    void connected() {
        subscriptionsRefused = List.of();
        tell();
    }

    void disconnected(String reason) {
        lastDisconnect = reason;
    }

    /** The broker's answer to a QoS 1 publish; a failure that is not a refusal (e.g. a lost link) says nothing. */
    void answered(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        if (cause instanceof PublishRefused refused) {
            publishesRefused.incrementAndGet();
            refusal = refused.getMessage();
            change(refusal);
            tell();
        } else if (cause == null && refusal != null) {
            refusal = null;
            change(null);
            tell();
        }
    }

    /** The broker's answer to a request for {@code asked}: it refused {@code refused} (maybe none). */
    void subscribed(List<String> asked, List<String> refused) {
        synchronized (this) {
            List<String> before = subscriptionsRefused;
            List<String> all = new java.util.ArrayList<>(before);
            all.removeAll(asked);
            all.addAll(refused);
            subscriptionsRefused = List.copyOf(all);
            if (!refused.isEmpty() && !before.containsAll(refused)) {
                log.warn("uplink: subscriptions refused by the broker: {}; fleet configuration and commands on them"
                        + " cannot arrive; asking again", refused);
            } else if (refused.isEmpty() && asked.stream().anyMatch(before::contains)) {
                log.info("uplink: the broker granted {} (refused before)", asked);
            }
        }
        tell();
    }

    private synchronized void change(String now) {
        if (now == null ? logged == null : now.equals(logged)) {
            return;
        }
        if (now == null) {
            log.info("uplink: the broker accepts publishes again (was: {})", logged);
        } else {
            log.warn("uplink: {}; events stay in the outbox", now);
        }
        logged = now;
    }

    /**
     * Tells {@link #problems} when {@link #problem()} differs from what it was told last; outside the lock,
     * which stays a leaf.
     */
    private void tell() {
        String now;
        synchronized (this) {
            now = problem();
            if (now == null ? told == null : now.equals(told)) {
                return;
            }
            told = now;
        }
        problems.accept(now);
    }

    String problem() {
        String r = refusal;
        if (r != null) {
            return r;
        }
        List<String> subs = subscriptionsRefused;
        return subs.isEmpty() ? null : "subscriptions refused: " + String.join(", ", subs);
    }

    boolean publishesAccepted() {
        return refusal == null;
    }

    boolean subscriptionsGranted() {
        return subscriptionsRefused.isEmpty();
    }

    UplinkReport report(long oversize, int window, String broker) {
        return new UplinkReport(protocol, refusal, publishesRefused.get(), subscriptionsRefused, lastDisconnect,
                oversize, window, broker);
    }
}
