package io.stampbox.uplink;

import io.stampbox.wire.MqttOptions;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What differs between Paho mqttv3 (MQTT 3.1.1, {@link V3Client}) and Paho mqttv5 (MQTT 5,
 * {@link V5Client}): the client calls and what the broker's answers mean. Everything else (the connect
 * state machine, backoff, subscriptions and their dispatch, the in-flight window) is shared, in
 * {@link PahoUplink}, {@link Subscriptions} and {@link Publisher}.
 *
 * <p>Callbacks run on Paho's threads: they only hand over and never block. Methods that talk to Paho
 * throw {@link UplinkException} with Paho's exception as the cause ({@link FailureReason} reads both).
 */
interface BrokerClient {

    /** What the broker says on its own, outside any request. */
    interface Events {
        /** The connection ended; {@code reason} is a broker's DISCONNECT reason or the network failure. */
        void connectionLost(String reason, Throwable cause);

        void message(String topic, byte[] payload, boolean retained);
    }

    /**
     * What the broker granted at CONNACK (MQTT 5). {@code receiveMaximum}: 0 when the protocol has none;
     * {@code maximumPacketSize}: the largest packet the broker accepts, 0 when it names none.
     */
    record Granted(int receiveMaximum, long maximumPacketSize) {}

    /** A publish's outcome: {@code failure} null on success; a {@link PublishRefused} on a refusal. */
    interface Outcome {
        void done(Throwable failure);
    }

    String protocol();

    /** The client for {@code mqtt.protocol}. */
    static BrokerClient of(io.stampbox.config.UnitConfig.Protocol protocol, String url, String clientId,
            MqttOptions connection, UplinkOptions options, Events events) {
        return protocol == io.stampbox.config.UnitConfig.Protocol.MQTT_3_1_1
                ? new V3Client(url, clientId, connection, options, events)
                : new V5Client(url, clientId, connection, options, events);
    }

    /** The filters whose SUBACK code is a failure (>= 128), in order. */
    static List<String> refused(List<String> filters, int[] codes) {
        List<String> refused = new java.util.ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            if (codes == null || i >= codes.length || ReasonCodes.failed(codes[i])) {
                refused.add(filters.get(i));
            }
        }
        return refused;
    }

    /** A connect under way. */
    interface Pending {
        /** Waits up to {@code millis} for the attempt to end, however it ends. */
        void await(long millis);
    }

    /**
     * Starts connecting to {@code url} (one of {@code mqtt.urls}; the client keeps its id on every broker);
     * exactly one of the two callbacks follows.
     */
    Pending connect(String url, MqttOptions.Will will, Consumer<Granted> connected, Consumer<Throwable> failed);

    boolean isConnected();

    /**
     * Sends one message. {@code expiry} (MQTT 5 message expiry) may be null; 3.1.1 has none.
     *
     * @return false, having sent nothing, when Paho's own window is full (try again shortly)
     */
    boolean publish(String topic, byte[] payload, int qos, boolean retained, Duration expiry, Outcome outcome);

    /** Subscribes at QoS 1; {@code refused} gets the filters the broker refused (SUBACK >= 128), maybe none. */
    void subscribe(List<String> filters, Consumer<List<String>> refused, Consumer<Throwable> failed);

    /** A clean DISCONNECT within about {@code millis}, forcibly if that fails. */
    void disconnect(long millis);

    void close();
}
