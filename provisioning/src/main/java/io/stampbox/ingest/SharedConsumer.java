package io.stampbox.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The ingest's one Paho MQTT 5 client. Scan events come through the shared subscription
 * {@code $share/{group}/{root}/+/scan}; status and health (for reported lost ranges) through plain ones.
 * Manual acks: a message is PUBACKed only by {@link #complete}, which the ingest calls after the database
 * commit. A persistent session (clean start off, session expiry) keeps what was not acknowledged for the
 * same client id after a crash. Paho's callback only enqueues; the ingest thread owns everything else.
 */
final class SharedConsumer implements AutoCloseable {

    private static final long TIMEOUT_MS = 10_000;

    /** One message off the broker; {@code generation} counts connections, so a stale id is never acked. */
    record Delivery(String topic, byte[] payload, int id, int qos, long generation) {}

    private final IngestSettings settings;
    private final MqttAsyncClient client;
    private final LinkedBlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicBoolean resubscribe = new AtomicBoolean();

    SharedConsumer(IngestSettings settings) throws MqttException {
        this.settings = settings;
        client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback());
    }

    /** Connects (clean start off) and subscribes; fails with the broker's reason if either is refused. */
    void connect() throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpirySeconds());
        options.setReceiveMaximum(settings.receiveMaximum());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(30);
        if (settings.username() != null) {
            options.setUserName(settings.username());
            options.setPassword(settings.password() == null ? null
                    : new String(settings.password()).getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(TIMEOUT_MS);
        subscribe();
    }

    void subscribe() throws MqttException {
        MqttSubscription[] subscriptions = {
            new MqttSubscription(settings.sharedScanFilter(), 1),
            new MqttSubscription(settings.root() + "/+/status", 1),
            new MqttSubscription(settings.root() + "/+/health", 0),
        };
        IMqttToken token = client.subscribe(subscriptions, null, null, new MqttProperties());
        token.waitForCompletion(TIMEOUT_MS);
        for (int code : token.getReasonCodes()) {
            if (code >= 0x80) {
                throw new MqttException(code);
            }
        }
    }

    /** After an automatic reconnect, once: the caller subscribes again (a broker that lost the session). */
    boolean takeResubscribe() {
        return resubscribe.getAndSet(false);
    }

    /** Waits up to {@code waitMs} for a first message, then takes what else is there, up to {@code max}. */
    void take(List<Delivery> into, int max, long waitMs) throws InterruptedException {
        Delivery first = inbox.poll(waitMs, TimeUnit.MILLISECONDS);
        if (first != null) {
            into.add(first);
            inbox.drainTo(into, max - 1);
        }
    }

    /**
     * Acknowledges a message to the broker (PUBACK), only when it arrived on the current connection: after a
     * reconnect the broker sends an unacknowledged message again, and the database keeps it once.
     */
    boolean complete(Delivery d) {
        if (d.qos() == 0 || d.generation() != generation.get()) {
            return false;
        }
        try {
            client.messageArrivedComplete(d.id(), d.qos());
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    /** Publishes QoS 1 without waiting; false when the client cannot take it now (not connected, window full). */
    boolean publish(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, false);
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(TIMEOUT_MS).waitForCompletion(TIMEOUT_MS);
            }
        } catch (MqttException e) {
            // going away anyway; what was not acknowledged stays with the session
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            generation.incrementAndGet();
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            inbox.add(new Delivery(topic, message.getPayload(), message.getId(), message.getQos(), generation.get()));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                resubscribe.set(true);
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
