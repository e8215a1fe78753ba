package io.stampbox.responder;

import io.stampbox.config.UnitConfig;
import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
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
import io.stampbox.wire.MqttOptions;
import io.stampbox.wire.RedeemAnswer;
import io.stampbox.wire.RedeemRequest;
import io.stampbox.wire.RedeemSignature;
import io.stampbox.wire.ScanResult;
import io.stampbox.wire.Topics;

/**
 * A reference backend for voucher redemption (contract section 3.6): answers every unit's
 * {@code {root}/+/redeem/request} on that unit's {@code redeem/response} from a {@link VoucherBook}; with a
 * signing key, every answer carries its {@link RedeemSignature} (the unit's {@code codes.redeemPublicKeyFile}
 * holds the matching public key). In stamp-card mode it also answers every published stamp on
 * {@code scan/result} ({@link StampCards}).
 *
 * <p>Threads: Paho's callback only hands a request over to the "responder" thread, which owns the book
 * and publishes the answers.
 */
final class Responder implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(60);

    /** Where to connect. */
    record Settings(String url, String root, String clientId, String username, String password) {}

    private final Settings settings;
    private final MqttOptions connection;
    private final String requestFilter;
    private final VoucherBook book;
    private final StampCards cards;
    private final String scanFilter;
    private final PrintWriter out;
    private final PrivateKey signingKey;
    private final MqttClient client;
    private final ExecutorService owner = Executors.newSingleThreadExecutor(r -> new Thread(r, "responder"));

    /**
     * @throws IllegalArgumentException naming {@code mqtt.url} or {@code mqtt.topicRoot} when one is not usable
     */
    Responder(Settings settings, VoucherBook book, PrintWriter out) throws MqttException {
        this(settings, book, null, out, null);
    }

    /**
     * @param cards null: vouchers only; otherwise also answers every published stamp on scan/result
     * @param signingKey the backend's Ed25519 key; null answers unsigned
     */
    Responder(Settings settings, VoucherBook book, StampCards cards, PrintWriter out, PrivateKey signingKey)
            throws MqttException {
        this.signingKey = signingKey;
        this.settings = settings;
        this.cards = cards;
        this.scanFilter = Topics.everyUnit(settings.root(), Topics.SCAN);
        this.connection = MqttOptions.of(
                new UnitConfig.Mqtt(settings.url(), settings.root(), settings.username(), settings.password(), null));
        this.requestFilter = Topics.everyUnit(settings.root(), Topics.REDEEM_REQUEST);
        this.book = book;
        this.out = out;
        this.client = new MqttClient(settings.url(), settings.clientId(), new MemoryPersistence());
    }

    void start() throws MqttException {
        client.setCallback(new Callback());
        MqttConnectOptions options = connection.v3(CONNECT_TIMEOUT, KEEP_ALIVE, null);
        options.setAutomaticReconnect(true); // a long-running backend: Paho's own retry is enough here
        options.setMaxReconnectDelay(5_000);
        client.connect(options);
    }

    /** On the responder thread: a stamp or a void published by a unit. */
    private void stamped(String topic, byte[] payload) {
        String unit = Topics.unitOf(settings.root(), topic, Topics.SCAN);
        ScanResult result = unit == null ? null : cards.count(unit, payload);
        if (result == null) {
            return;
        }
        String resultTopic = new Topics(settings.root(), unit).scanResult();
        try {
            client.publish(resultTopic, result.toJson(), 1, false);
            print("stamp " + result.stamps() + "/" + result.goal() + " for " + unit
                    + (result.rewardDue() ? ": reward due (" + result.label() + ")" : ""));
        } catch (MqttException e) {
            print("could not answer on " + resultTopic + ": " + e.getMessage());
        }
    }

    /** On the responder thread. */
    private void answer(String topic, byte[] payload) {
        String unit = Topics.unitOf(settings.root(), topic, Topics.REDEEM_REQUEST);
        RedeemRequest request = RedeemRequest.parse(payload);
        if (unit == null || request == null) {
            print("ignored a malformed request on " + topic);
            return;
        }
        String voucherId = request.voucherId();
        VoucherBook.Decision decision = book.redeem(voucherId);
        RedeemAnswer answer = new RedeemAnswer(request.requestId(),
                decision.accepted() ? RedeemAnswer.Outcome.ACCEPTED : RedeemAnswer.Outcome.REFUSED, decision.reason());
        if (signingKey != null) {
            try {
                answer = answer.signed(RedeemSignature.sign(signingKey, request.requestId(), request.deviceId(),
                        voucherId, answer.outcome()));
            } catch (GeneralSecurityException e) {
                print("answering unsigned for " + unit + ": cannot sign (" + e.getMessage() + ")");
            }
        }
        String responseTopic = new Topics(settings.root(), unit).redeemResponse();
        try {
            client.publish(responseTopic, answer.toJson(), 1, false);
            print(answer.outcome().json() + " " + Masking.mask(voucherId) + " for " + unit + " (" + decision.reason() + ")");
        } catch (MqttException e) {
            print("could not answer on " + responseTopic + ": " + e.getMessage());
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
                    client.subscribe(requestFilter, 1);
                    print("answering redemptions on " + requestFilter + " at " + serverUri);
                    if (cards != null) {
                        client.subscribe(scanFilter, 1);
                        print("answering stamps on " + scanFilter + " (stamp-card mode)");
                    }
                } catch (MqttException e) {
                    print("subscribe to " + requestFilter + " failed: " + e.getMessage());
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
            boolean scan = cards != null && Topics.unitOf(settings.root(), topic, Topics.SCAN) != null;
            owner.execute(() -> {
                if (scan) {
                    stamped(topic, payload);
                } else {
                    answer(topic, payload);
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }
}
