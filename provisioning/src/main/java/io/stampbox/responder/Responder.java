package io.stampbox.responder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import io.stampbox.wire.Masking;

/**
 * A reference backend for voucher redemption (contract section 3.6): answers every unit's
 * {@code {root}/+/redeem/request} on that unit's {@code redeem/response} from a {@link VoucherBook}.
 *
 * <p>Threads: Paho's callback only hands a request over to the "responder" thread, which owns the book
 * and publishes the answers.
 */
final class Responder implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where to connect. */
    record Settings(String url, String root, String clientId, String username, String password) {}

    private final Settings settings;
    private final VoucherBook book;
    private final PrintWriter out;
    private final MqttClient client;
    private final ExecutorService owner = Executors.newSingleThreadExecutor(r -> new Thread(r, "responder"));

    Responder(Settings settings, VoucherBook book, PrintWriter out) throws MqttException {
        this.settings = settings;
        this.book = book;
        this.out = out;
        this.client = new MqttClient(settings.url(), settings.clientId(), new MemoryPersistence());
    }

    void start() throws MqttException {
        client.setCallback(new Callback());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(5_000);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().toCharArray());
        }
        client.connect(options);
    }

    private String requestFilter() {
        return settings.root() + "/+/redeem/request";
    }

    /** On the responder thread. */
    private void answer(String topic, byte[] payload) {
        String unitTopic = topic.substring(0, topic.length() - "/redeem/request".length());
        JsonNode request;
        try {
            request = JSON.readTree(payload);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.path("requestId").isTextual() || !request.path("voucherId").isTextual()) {
            print("ignored a malformed request on " + topic);
            return;
        }
        String voucherId = request.get("voucherId").textValue();
        VoucherBook.Decision decision = book.redeem(voucherId);
        ObjectNode response = JSON.createObjectNode();
        response.put("requestId", request.get("requestId").textValue());
        response.put("outcome", decision.accepted() ? "accepted" : "refused");
        response.put("reason", decision.reason());
        try {
            client.publish(unitTopic + "/redeem/response", JSON.writeValueAsBytes(response), 1, false);
            print((decision.accepted() ? "accepted " : "refused ") + Masking.mask(voucherId) + " for "
                    + unitTopic.substring(settings.root().length() + 1) + " (" + decision.reason() + ")");
        } catch (MqttException | IOException e) {
            print("could not answer on " + unitTopic + "/redeem/response: " + e.getMessage());
        }
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void close() {
        owner.shutdown();
        try {
            owner.awaitTermination(2, TimeUnit.SECONDS);
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            print("disconnect: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            owner.execute(() -> {
                try {
                    client.subscribe(requestFilter(), 1);
                    print("answering redemptions on " + requestFilter() + " at " + serverUri);
                } catch (MqttException e) {
                    print("subscribe to " + requestFilter() + " failed: " + e.getMessage());
                }
            });
        }

        @Override
        public void connectionLost(Throwable cause) {
            print("connection lost (" + cause.getMessage() + "); reconnecting");
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            owner.execute(() -> answer(topic, payload));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }
}
