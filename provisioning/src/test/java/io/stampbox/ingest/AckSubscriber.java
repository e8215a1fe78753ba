package io.stampbox.ingest;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
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
 * An MQTT 5 client on every {@code {root}/+/scan/ack}, handing (topic, payload) to a consumer on Paho's
 * thread. (Paho mqttv5 1.2.5's {@code MqttClient.subscribe(topic, qos, listener)} calls itself until the
 * stack overflows: a callback it is.)
 */
final class AckSubscriber {

    private AckSubscriber() {}

    static MqttClient connect(String url, String root, BiConsumer<String, String> onAck) throws MqttException {
        MqttClient client = new MqttClient(url, "ack-subscriber-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onAck.accept(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
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
        return client;
    }
}
