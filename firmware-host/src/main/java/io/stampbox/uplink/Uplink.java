package io.stampbox.uplink;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The port to the cloud broker (contract section 3). Topics are given relative to
 * {@code {root}/{deviceId}/} or, for fleet-wide documents, to {@code {root}/_fleet/}, always as the
 * subtopic constants of {@link Topics} (e.g. {@link Topics#SCAN}, {@link Topics#COMMANDS}).
 */
public interface Uplink {

    /** Starts connecting on the uplink's own thread and keeps reconnecting until {@link #stop()}. */
    void start();

    /**
     * Publishes the offline status, disconnects and releases the client. Never reconnects afterwards.
     * Blocks for at most a few seconds.
     */
    void stop();

    UplinkState state();

    boolean connected();

    /** Why the last connect failed or the connection was lost; null while connected or before any failure. */
    String lastError();

    void addListener(UplinkListener listener);

    /**
     * Sends {@code payload} on {@code {root}/{id}/{subtopic}}. The future completes when the broker
     * acknowledged it (QoS 1) or it was written (QoS 0), and fails with {@link UplinkException} when the
     * uplink is not connected or the connection was lost first. It completes on a network thread: chain
     * only quick, non-blocking work.
     */
    CompletableFuture<Void> publish(String subtopic, byte[] payload, int qos, boolean retained);

    /**
     * Subscribes at QoS 1 to {@code {root}/{id}/{subtopicFilter}} (wildcards allowed) now and after every
     * reconnect. The handler gets the full topic and payload on the uplink's dispatcher thread, one
     * message at a time, in arrival order. A {@link MessageHandler} also learns whether the message was
     * retained.
     */
    void subscribe(String subtopicFilter, BiConsumer<String, byte[]> handler);

    /** As {@link #subscribe}, for {@code {root}/_fleet/{subtopicFilter}}. */
    void subscribeFleet(String subtopicFilter, BiConsumer<String, byte[]> handler);

    /**
     * As {@link #publish(String, byte[], int, boolean)}, with an MQTT 5 message expiry: the broker drops
     * the message when it has not reached a subscriber within {@code expiry} (for what goes stale:
     * redemption requests, command results). Ignored under MQTT 3.1.1.
     */
    default CompletableFuture<Void> publish(String subtopic, byte[] payload, int qos, boolean retained,
            Duration expiry) {
        return publish(subtopic, payload, qos, retained);
    }

    /** Connected, and the broker granted every subscription at the last connect (MQTT 5, or 3.1.1's 0x80). */
    default boolean subscriptionsGranted() {
        return connected();
    }

    /** Connected, and the last publish the broker answered was not refused (always so under 3.1.1). */
    default boolean publishesAccepted() {
        return connected();
    }

    /** The broker's answers, for health. */
    default UplinkReport report() {
        return UplinkReport.NONE;
    }
}
