package io.stampbox.uplink;

import io.stampbox.wire.MqttOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MQTT 3.1.1 over Paho mqttv3 1.2.5, for brokers without MQTT 5 (NATS's MQTT gateway). Its limit: a
 * 3.1.1 PUBACK has no reason code, so a publish the broker's ACL drops still looks delivered; a refused
 * subscription shows as granted QoS 0x80, which is reported.
 */
final class V3Client implements BrokerClient {

    private final MqttAsyncClient client;
    private final MqttOptions connection;
    private final UplinkOptions options;

    V3Client(String url, String clientId, MqttOptions connection, UplinkOptions options, Events events) {
        try {
            this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new UplinkException("mqtt.url: cannot use \"" + url + "\": " + e.getMessage(), e);
        }
        this.connection = connection;
        this.options = options;
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                events.connectionLost(FailureReason.describe(cause), cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                events.message(topic, message.getPayload(), message.isRetained());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // publish outcomes complete through their action listeners
            }
        });
    }

    @Override
    public String protocol() {
        return "3.1.1";
    }

    @Override
    public Pending connect(String url, MqttOptions.Will will, Consumer<Granted> connected, Consumer<Throwable> failed) {
        MqttConnectOptions o = connection.v3(options.connectTimeout(), options.keepAlive(), will);
        o.setServerURIs(new String[] {url});
        o.setMaxInflight(options.maxInflight());
        IMqttToken[] pending = new IMqttToken[1];
        PahoCalls.attempt(() -> pending[0] = client.connect(o, null, listener(ok -> connected.accept(new Granted(0, 0)), failed)), failed);
        return millis -> PahoCalls.ignoring(() -> {
            if (pending[0] != null) {
                pending[0].waitForCompletion(millis);
            }
        });
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public boolean publish(String topic, byte[] payload, int qos, boolean retained, Duration expiry, Outcome outcome) {
        try {
            client.publish(topic, payload, qos, retained, null, listener(ok -> outcome.done(null), outcome::done));
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            throw new UplinkException(FailureReason.describe(e), e);
        }
    }

    @Override
    public void subscribe(List<String> filters, Consumer<List<String>> refused, Consumer<Throwable> failed) {
        int[] qos = new int[filters.size()];
        Arrays.fill(qos, 1);
        PahoCalls.attempt(() -> client.subscribe(filters.toArray(new String[0]), qos, null, listener(
                    token -> refused.accept(BrokerClient.refused(filters, token.getGrantedQos())), failed)), failed);
    }

    @Override
    public void disconnect(long millis) {
        PahoCalls.disconnect(() -> client.disconnect(millis / 2).waitForCompletion(millis),
                () -> client.disconnectForcibly(0, millis / 2));
    }

    @Override
    public void close() {
        PahoCalls.run("close", client::close);
    }

    private static IMqttActionListener listener(Consumer<IMqttToken> ok, Consumer<Throwable> failed) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                ok.accept(token);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                failed.accept(failure);
            }
        };
    }
}
