package io.stampbox.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho client that records what arrives on a topic filter, for checking the uplink from outside. */
public final class CloudSubscriber implements AutoCloseable {

    /** @param arrivedNanos {@link System#nanoTime()} when it arrived, for rates measured from the broker side */
    public record Received(String topic, byte[] payload, boolean retained, long arrivedNanos) {
        public String text() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();

    /**
     * @param persistentSession true: a fixed session that the broker keeps (with queued QoS 1 messages)
     *     while this client is away, and automatic reconnect
     */
    public CloudSubscriber(String url, String clientId, String filter, boolean persistentSession) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message.getPayload(), message.isRetained(), System.nanoTime()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(!persistentSession);
        options.setAutomaticReconnect(persistentSession);
        options.setMaxReconnectDelay(500);
        client.connect(options);
        try {
            client.subscribe(filter, 1);
        } catch (MqttException e) { // e.g. 128: a recovering cluster refused it; leave no client behind
            close();
            throw e;
        }
    }

    /** Publishes at QoS 1 as this client (a backend answering the unit), waiting for the PUBACK. */
    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public int count() {
        return received.size();
    }

    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
