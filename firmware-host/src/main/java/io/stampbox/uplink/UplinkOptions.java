package io.stampbox.uplink;

import java.time.Duration;

/**
 * Tuning of the uplink that the contract leaves open.
 *
 * @param maxInflight Paho's window of unacknowledged QoS 1 publishes; the adapter keeps its own limit a
 *     few below it (Paho's 32202 trap) and a {@link Drainer} window must be smaller still
 * @param connectTimeout how long a connect (TCP, TLS handshake, CONNACK) may take before it fails
 * @param keepAlive MQTT keep-alive; a dead link is noticed after about 1.5 times this
 * @param backoffInitial first reconnect delay (before jitter)
 * @param backoffMax reconnect delay cap
 * @param stopTimeout how long {@link Uplink#stop()} waits for the offline status and the disconnect
 */
public record UplinkOptions(
        int maxInflight,
        Duration connectTimeout,
        Duration keepAlive,
        Duration backoffInitial,
        Duration backoffMax,
        Duration stopTimeout) {

    /** Spare Paho in-flight slots the adapter never uses itself. */
    static final int PAHO_MARGIN = 4;

    /**
     * The largest MQTT packet the unit accepts (told to an MQTT 5 broker at CONNECT; larger inbound
     * messages are dropped and counted under 3.1.1 too). Fleet documents and commands are a few KiB.
     */
    static final int MAX_PACKET_BYTES = 256 * 1024;

    public UplinkOptions {
        if (maxInflight <= PAHO_MARGIN) {
            throw new IllegalArgumentException("uplink maxInflight: must be > " + PAHO_MARGIN + ", got " + maxInflight);
        }
    }

    long maxPacketBytes() {
        return MAX_PACKET_BYTES;
    }

    public static UplinkOptions defaults() {
        return new UplinkOptions(
                128, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    public UplinkOptions withBackoff(Duration initial, Duration max) {
        return new UplinkOptions(maxInflight, connectTimeout, keepAlive, initial, max, stopTimeout);
    }

    public UplinkOptions withConnectTimeout(Duration timeout) {
        return new UplinkOptions(maxInflight, timeout, keepAlive, backoffInitial, backoffMax, stopTimeout);
    }

    public UplinkOptions withMaxInflight(int inflight) {
        return new UplinkOptions(inflight, connectTimeout, keepAlive, backoffInitial, backoffMax, stopTimeout);
    }
}
