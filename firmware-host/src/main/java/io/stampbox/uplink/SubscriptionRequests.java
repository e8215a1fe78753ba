package io.stampbox.uplink;

import io.stampbox.time.Backoff;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the broker for every subscription on each new connection, and asks again, after a jittered
 * growing pause, for filters it refused (SUBACK >= 128) or did not answer, for as long as that
 * connection lasts: a broker cluster that just lost a node may refuse a subscription until it has
 * recovered (NATS's MQTT layer does while JetStream elects new leaders), and the fleet's documents and
 * commands must still arrive once it has. Owned by the "uplink" thread.
 */
final class SubscriptionRequests {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRequests.class);

    private final BrokerClient client;
    private final Refusals refusals;
    private final Subscriptions subscriptions;
    private final UplinkThread owner;
    private final Backoff retry;
    private long connection;
    private boolean up;

    SubscriptionRequests(BrokerClient client, Refusals refusals, Subscriptions subscriptions, UplinkThread owner,
            Backoff retry) {
        this.client = client;
        this.refusals = refusals;
        this.subscriptions = subscriptions;
        this.owner = owner;
        this.retry = retry;
    }

    /** The default pause before asking again: 2 s, doubling up to a minute, full jitter. */
    static Backoff defaultRetry() {
        return Backoff.fullJitter(Duration.ofSeconds(2), Duration.ofMinutes(1));
    }

    /** A new connection: asks for every filter. */
    void connected() {
        connection++;
        up = true;
        request(subscriptions.filters(), 0);
    }

    void disconnected() {
        up = false;
    }

    /** A filter added while the uplink runs: asked for now when connected, else at the next connect. */
    void added(String filter) {
        if (up) {
            request(List.of(filter), 0);
        }
    }

    private void request(List<String> filters, int attempt) {
        if (filters.isEmpty()) {
            return;
        }
        long asked = connection;
        client.subscribe(filters, refused -> {
            refusals.subscribed(filters, refused);
            if (!refused.isEmpty()) {
                owner.execute(() -> askAgain(asked, refused, attempt));
            }
        }, failure -> {
            log.warn("uplink: subscribe to {} failed: {}", filters, FailureReason.describe(failure));
            owner.execute(() -> askAgain(asked, filters, attempt));
        });
    }

    private void askAgain(long asked, List<String> filters, int attempt) {
        if (up && connection == asked) {
            owner.schedule(() -> {
                if (up && connection == asked) {
                    request(filters, attempt + 1);
                }
            }, retry.delay(attempt));
        }
    }
}
