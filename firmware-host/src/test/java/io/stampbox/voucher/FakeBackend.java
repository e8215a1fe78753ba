package io.stampbox.voucher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.testing.Await;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The loyalty backend's side of redemption, as a plain Paho client on a real broker: records requests
 * and answers each with what {@code policy} returns (null: stays silent; the test may answer later).
 */
public final class FakeBackend implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final MqttClient client;
    private final String responseTopic;
    private volatile Function<JsonNode, String> policy = request -> null;

    public FakeBackend(String url, String unitTopic) throws MqttException {
        this.responseTopic = unitTopic + "/redeem/response";
        client = new MqttClient(url, "backend-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                JsonNode request = JSON.readTree(message.getPayload());
                requests.add(request);
                String answer = policy.apply(request);
                if (answer != null) {
                    new Thread(() -> send(answer), "backend-answer").start();
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        client.connect(new MqttConnectOptions());
        client.subscribe(unitTopic + "/redeem/request", 1);
    }

    /** How to answer each request: the raw payload, or null for silence. */
    public void answerWith(Function<JsonNode, String> policy) {
        this.policy = policy;
    }

    public static String answer(JsonNode request, String outcome, String reason) {
        return "{\"requestId\": \"" + request.get("requestId").asText() + "\", \"outcome\": \"" + outcome
                + "\", \"reason\": \"" + reason + "\"}";
    }

    public void send(String payload) {
        try {
            client.publish(responseTopic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            throw new IllegalStateException("backend publish failed", e);
        }
    }

    public JsonNode awaitRequest(int count) {
        Await.until(count + " redeem requests", Await.TIMEOUT, () -> requests.size() >= count, requests::toString);
        return requests.get(count - 1);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
