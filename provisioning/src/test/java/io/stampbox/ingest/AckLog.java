package io.stampbox.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Records every {@code {root}/+/scan/ack} payload, without a database. (Paho mqttv5 1.2.5's
 * {@code MqttClient.subscribe(topic, qos, listener)} calls itself until the stack overflows: a callback it is.)
 */
final class AckLog implements AutoCloseable {

    private final MqttClient client;
    final List<String> acks = new CopyOnWriteArrayList<>();

    AckLog(String url, String root) throws MqttException {
        client = new MqttClient(url, "ack-log-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                acks.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void disconnected(MqttDisconnectResponse r) {}

            @Override
            public void mqttErrorOccurred(MqttException e) {}

            @Override
            public void deliveryComplete(IMqttToken t) {}

            @Override
            public void connectComplete(boolean reconnect, String uri) {}

            @Override
            public void authPacketArrived(int code, MqttProperties p) {}
        });
        client.connect(new MqttConnectionOptions());
        client.subscribe(root + "/+/scan/ack", 1);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
