package io.stampbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The fleet admin's side in tests: publishes desired documents and commands, reads reports and results. */
final class FleetCloud implements AutoCloseable {

    static final String ROOT = "stampbox/v1/";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Message(String topic, JsonNode json, String text, boolean retained) {}

    private final MqttClient client;
    private final LinkedBlockingQueue<Message> arrived = new LinkedBlockingQueue<>();
    private final List<Message> seen = new ArrayList<>();

    FleetCloud(String url, String unit) throws MqttException {
        client = new MqttClient(url, "fleet-admin-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                String text = new String(message.getPayload(), StandardCharsets.UTF_8);
                JsonNode json;
                try {
                    json = JSON.readTree(text);
                } catch (Exception e) {
                    json = null;
                }
                arrived.add(new Message(topic, json, text, message.isRetained()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        client.subscribe(new String[] {ROOT + unit + "/config/reported", ROOT + unit + "/cmd/result"}, new int[] {1, 1});
    }

    void publish(String topic, String payload, boolean retained) throws MqttException {
        client.publish(ROOT + topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    /** The next arrival (after those already taken) that matches. */
    Message await(String what, Predicate<Message> match, Duration timeout) {
        Message m = Await.next(arrived, timeout, match, seen::add);
        if (m == null) {
            throw new AssertionError("no " + what + " within " + timeout + "; seen: " + texts());
        }
        return m;
    }

    Message report(String what, Predicate<JsonNode> match) throws InterruptedException {
        return await(what, m -> m.topic().endsWith("/config/reported") && m.json() != null && match.test(m.json()),
                Duration.ofSeconds(20));
    }

    Message result(String id) throws InterruptedException {
        return await("result " + id, m -> m.topic().endsWith("/cmd/result") && m.json() != null
                && id.equals(m.json().path("id").asText(null)), Duration.ofSeconds(20));
    }

    List<String> texts() {
        List<String> all = new ArrayList<>();
        for (Message m : seen) {
            all.add(m.topic() + " " + m.text());
        }
        return all;
    }

    List<Message> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
