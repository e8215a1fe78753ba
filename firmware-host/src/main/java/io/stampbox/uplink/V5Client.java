package io.stampbox.uplink;

import io.stampbox.wire.MqttOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * MQTT 5 over Paho mqttv5 1.2.5. What MQTT 5 adds here: a PUBACK or SUBACK reason code >= 128 is a
 * refusal ({@link PublishRefused}, refused filters), 16 "no matching subscribers" is a success; the
 * broker's Receive Maximum comes back at CONNACK and caps the in-flight window; a server DISCONNECT
 * carries its reason; message expiry on what goes stale; the largest packet the unit accepts is told
 * to the broker at CONNECT (see {@link MqttOptions#v5}).
 */
final class V5Client implements BrokerClient {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(V5Client.class);

    private final MqttAsyncClient client;
    private final MqttOptions connection;
    private final UplinkOptions options;

    V5Client(String url, String clientId, MqttOptions connection, UplinkOptions options, Events events) {
        try {
            this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new UplinkException("mqtt.url: cannot use \"" + url + "\": " + e.getMessage(), e);
        }
        this.connection = connection;
        this.options = options;
        client.setCallback(new Callback(events));
    }

    @Override
    public String protocol() {
        return "5";
    }

    @Override
    public Pending connect(String url, MqttOptions.Will will, Consumer<Granted> connected, Consumer<Throwable> failed) {
        MqttConnectionOptions o = connection.v5(options.connectTimeout(), options.keepAlive(), will,
                options.maxPacketBytes());
        o.setServerURIs(new String[] {url});
        o.setReceiveMaximum(options.maxInflight());
        IMqttToken[] pending = new IMqttToken[1];
        PahoCalls.attempt(() -> pending[0] = client.connect(o, null, listener(token -> connected.accept(granted(token)), failed)), failed);
        return millis -> PahoCalls.ignoring(() -> {
            if (pending[0] != null) {
                pending[0].waitForCompletion(millis);
            }
        });
    }

    private static Granted granted(IMqttToken token) {
        MqttProperties p = token.getResponseProperties();
        Integer receiveMaximum = p == null ? null : p.getReceiveMaximum();
        Long maximumPacketSize = p == null ? null : p.getMaximumPacketSize();
        return new Granted(receiveMaximum == null ? 65_535 : receiveMaximum,
                maximumPacketSize == null ? 0 : maximumPacketSize);
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public boolean publish(String topic, byte[] payload, int qos, boolean retained, Duration expiry, Outcome outcome) {
        MqttProperties properties = new MqttProperties();
        if (expiry != null) {
            properties.setMessageExpiryInterval(Math.max(1, expiry.toSeconds()));
        }
        MqttMessage message = new MqttMessage(payload, qos, retained, properties);
        try {
            client.publish(topic, message, null, listener(token -> {
                int[] codes = token.getReasonCodes();
                int code = codes == null || codes.length == 0 ? 0 : codes[0];
                outcome.done(ReasonCodes.failed(code) ? new PublishRefused(code, topic) : null);
            }, failure -> outcome.done(refusal(topic, failure))));
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            throw new UplinkException(FailureReason.describe(e), e);
        }
    }

    /** Paho may fail the token itself on a refusing PUBACK: the MQTT reason code is then the exception's. */
    private static Throwable refusal(String topic, Throwable failure) {
        if (failure instanceof MqttException e && ReasonCodes.failed(e.getReasonCode()) && e.getReasonCode() <= 255) {
            return new PublishRefused(e.getReasonCode(), topic);
        }
        return failure;
    }

    @Override
    public void subscribe(List<String> filters, Consumer<List<String>> refused, Consumer<Throwable> failed) {
        int[] qos = new int[filters.size()];
        Arrays.fill(qos, 1);
        PahoCalls.attempt(() -> client.subscribe(filters.toArray(new String[0]), qos, null, listener(
                    token -> refused.accept(BrokerClient.refused(filters, token.getReasonCodes())), failed)), failed);
    }

    @Override
    public void disconnect(long millis) {
        PahoCalls.disconnect(() -> client.disconnect(millis / 2).waitForCompletion(millis),
                () -> client.disconnectForcibly(0, millis / 2, false));
    }

    @Override
    public void close() {
        PahoCalls.run("close", client::close);
    }

    private static MqttActionListener listener(Consumer<IMqttToken> ok, Consumer<Throwable> failed) {
        return new Listener(ok, failed);
    }

    /** Paho's action listener from two lambdas; both run on Paho's threads. */
    private record Listener(Consumer<IMqttToken> ok, Consumer<Throwable> failed) implements MqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            ok.accept(token);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
            failed.accept(failure);
        }
    }

    /** Paho's callback thread: hand over and return. */
    private static final class Callback implements MqttCallback {
        private final Events events;

        Callback(Events events) {
            this.events = events;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            MqttException cause = response.getException();
            if (cause != null && response.getReturnCode() == 0) {
                events.connectionLost(FailureReason.describe(cause), cause);
                return;
            }
            String why = "server disconnected: " + ReasonCodes.name(response.getReturnCode());
            String text = response.getReasonString();
            events.connectionLost(text == null || text.isBlank() ? why : why + " (" + text + ")", cause);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("uplink: MQTT error: {}", FailureReason.describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            events.message(topic, message.getPayload(), message.isRetained());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publish outcomes complete through their action listeners
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // the connect's action listener reports it
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
