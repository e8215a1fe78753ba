package io.stampbox.ingest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Records every {@code {root}/+/scan/ack} payload, without a database. */
final class AckLog implements AutoCloseable {

    private final MqttClient client;
    final List<String> acks = new CopyOnWriteArrayList<>();

    AckLog(String url, String root) throws MqttException {
        client = AckSubscriber.connect(url, root, (topic, payload) -> acks.add(payload));
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
