package io.stampbox.uplink;

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
}
