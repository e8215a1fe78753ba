package io.stampbox.uplink;

import io.stampbox.config.UnitConfig;
import io.stampbox.time.Backoff;
import io.stampbox.wire.MqttOptions;
import io.stampbox.wire.Status;
import io.stampbox.wire.TlsException;
import io.stampbox.wire.Topics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit's MQTT connection over Eclipse Paho: MQTT 5 on mqttv5 ({@link V5Client}, the default) or
 * MQTT 3.1.1 on mqttv3 ({@link V3Client}), chosen by {@code mqtt.protocol}. This class holds what both
 * share: the connect state machine, the backoff, subscriptions ({@link Subscriptions}), the in-flight
 * window ({@link Publisher}) and what the broker's answers mean for health ({@link Refusals}). Paho is
 * used only in this package and in {@link MqttOptions}; no Paho type or thread leaves the package.
 *
 * <p>Threads: the client's lifecycle (connect, reconnect, disconnect, close) belongs to the "uplink"
 * thread ({@link UplinkThread}; the state and its listeners: {@link UplinkStates}), which runs the state
 * machine DISCONNECTED → CONNECTING → CONNECTED / BACKING_OFF as tasks.
 * Paho's own threads only hand events over to it (or to the dispatcher of {@link Subscriptions}).
 * {@link #publish} may be called from any thread.
 *
 * <p>Session: clean, see {@link MqttOptions#v5}; the outbox is the store of outgoing events, so nothing is
 * resent behind the drainer's back. Memory persistence. No automatic reconnect: our loop retries.
 */
public final class PahoUplink implements Uplink {

    private static final Logger log = LoggerFactory.getLogger(PahoUplink.class);

    private final BrokerRotation brokers;
    private final Topics topics;
    private final StatusInfo status;
    private final UplinkOptions options;
    private final BrokerClient client;
    private final Backoff backoff;
    private final Publisher publisher;
    private final Refusals refusals;
    private final Subscriptions subscriptions = new Subscriptions();
    private final UplinkStates states = new UplinkStates();
    private final UplinkThread owner = new UplinkThread();
    private final SubscriptionRequests requests;
    private volatile String lastError;
    private volatile String broker;

    // Owned by the "uplink" thread.
    private boolean started;
    private boolean stopped;
    private int attempt;
    private String reported;
    private ScheduledFuture<?> retry;
    private BrokerClient.Pending connecting;

    /** @throws UplinkException when the URL, the device id or a TLS file is not usable; names the field */
    public PahoUplink(UnitConfig.Device device, UnitConfig.Mqtt mqtt, StatusInfo status, UplinkOptions options) {
        if (!mqtt.enabled()) {
            throw new UplinkException("mqtt.url: not set, the unit has no uplink");
        }
        this.brokers = new BrokerRotation(mqtt.urls());
        MqttOptions connection;
        try {
            this.topics = new Topics(mqtt.topicRoot(), device.id());
            connection = MqttOptions.of(mqtt);
        } catch (IllegalArgumentException | TlsException e) {
            throw new UplinkException(e.getMessage(), e);
        }
        this.status = status;
        this.options = options;
        this.backoff = Backoff.fullJitter(options.backoffInitial(), options.backoffMax());
        this.client = BrokerClient.of(mqtt.protocol(), brokers.current(), device.id(), connection, options, new Events());
        this.publisher = new Publisher(client, options.maxInflight(), options.connectTimeout(),
                mqtt.limits().maxPacketBytes());
        this.refusals = new Refusals(client.protocol(), states::refusalChanged);
        this.requests = new SubscriptionRequests(client, refusals, subscriptions, owner, SubscriptionRequests.defaultRetry());
    }

    @Override
    public void start() {
        owner.execute(() -> {
            if (!started && !stopped) {
                started = true;
                subscriptions.start();
                connect();
            }
        });
    }

    @Override
    public UplinkState state() { return states.get(); }

    @Override
    public boolean connected() { return states.get() == UplinkState.CONNECTED; }

    /** Why the connection is down, or, while connected, why the broker refuses what the unit publishes. */
    @Override
    public String lastError() {
        String error = lastError;
        return error != null ? error : connected() ? refusals.problem() : null;
    }

    /** The broker URL (one of {@code mqtt.urls}) the uplink is connected to; null while it is not. */
    public String broker() { return connected() ? broker : null; }

    @Override
    public boolean subscriptionsGranted() { return connected() && refusals.subscriptionsGranted(); }

    @Override
    public boolean publishesAccepted() { return connected() && refusals.publishesAccepted(); }

    @Override
    public UplinkReport report() { return refusals.report(subscriptions.oversize(), publisher.limit(), broker()); }

    @Override
    public void addListener(UplinkListener listener) { states.addListener(listener); }

    // ---- state machine, on the "uplink" thread ----

    private void connect() {
        retry = null;
        if (stopped) {
            return;
        }
        states.set(UplinkState.CONNECTING, null);
        MqttOptions.Will will = new MqttOptions.Will(topics.status(), status.offline(Status.CONNECTION_LOST).toJson());
        connecting = client.connect(brokers.current(), will, granted -> owner.execute(() -> onConnected(granted)),
                failure -> owner.execute(() -> onConnectFailed(failure)));
    }

    private void onConnected(BrokerClient.Granted granted) {
        if (stopped) {
            return;
        }
        attempt = 0;
        brokers.connected();
        String url = brokers.current();
        broker = url;
        publisher.limitTo(granted.receiveMaximum(), granted.maximumPacketSize());
        String was = reported;
        reported = null;
        lastError = null;
        refusals.connected();
        send(topics.status(), status.online().toJson(), 1, true, null);
        requests.connected();
        states.set(UplinkState.CONNECTED, null);
        // said once publishes are taken and the subscriptions asked for (the broker handles them in order)
        if (was != null) {
            log.info("uplink: connected to {} over MQTT {} (was: {})", url, client.protocol(), was);
        } else {
            log.info("uplink: connected to {} over MQTT {} as {}", url, client.protocol(), topics.deviceId());
        }
    }

    private void onConnectFailed(Throwable failure) {
        log.debug("uplink: connect failed", failure);
        if (!stopped) {
            failed(FailureReason.describe(failure), false);
        }
    }

    private void onConnectionLost(String reason, Throwable cause) {
        log.debug("uplink: connection lost", cause);
        refusals.disconnected(reason);
        requests.disconnected();
        if (!stopped && connected()) {
            failed(reason.startsWith("connection") || reason.startsWith("server") ? reason : "connection lost: " + reason,
                    true);
        }
    }

    /**
     * The broker in use failed: reports the reason (logged only when it differs from the last one) and
     * tries the next broker of the list: at once after a failed connect, after a full-jitter backoff when
     * the connection was lost (a whole fleet loses a dying node at the same moment) or when every broker
     * failed in a row.
     */
    private void failed(String reason, boolean lost) {
        String what = brokers.current() + ": " + reason;
        lastError = reason;
        boolean backOff = brokers.failed() || lost;
        if (!what.equals(reported)) {
            log.warn("uplink: {}; {}", what, brokers.size() == 1 ? "retrying with backoff"
                    : "trying " + brokers.current() + (backOff ? " after a backoff" : ""));
            reported = what;
        }
        if (!backOff) {
            connect();
            return;
        }
        Duration delay = backoff.delay(attempt);
        attempt = Math.min(attempt + 1, 31); // never gives up, never overflows: the delay stays at the cap
        states.set(UplinkState.BACKING_OFF, reason);
        retry = owner.schedule(this::connect, delay);
    }

    // ---- publish / subscribe ----

    @Override
    public CompletableFuture<Void> publish(String subtopic, byte[] payload, int qos, boolean retained) {
        return publish(subtopic, payload, qos, retained, null);
    }

    @Override
    public CompletableFuture<Void> publish(String subtopic, byte[] payload, int qos, boolean retained,
            Duration expiry) {
        String topic = topics.device(subtopic);
        if (!connected()) {
            return CompletableFuture.failedFuture(new UplinkException("uplink: not connected, not sent on " + topic));
        }
        return send(topic, payload, qos, retained, expiry);
    }

    /** Sends; the broker's answer to a QoS 1 publish goes to {@link Refusals}. */
    private CompletableFuture<Void> send(String topic, byte[] payload, int qos, boolean retained, Duration expiry) {
        CompletableFuture<Void> sent = publisher.send(topic, payload, qos, retained, expiry);
        if (qos > 0) {
            sent.whenComplete((ok, failure) -> refusals.answered(failure));
        }
        return sent;
    }

    @Override
    public void subscribe(String subtopicFilter, BiConsumer<String, byte[]> handler) { addSubscription(topics.device(subtopicFilter), handler); }

    @Override
    public void subscribeFleet(String subtopicFilter, BiConsumer<String, byte[]> handler) { addSubscription(topics.fleet(subtopicFilter), handler); }

    private void addSubscription(String filter, BiConsumer<String, byte[]> handler) {
        try {
            subscriptions.add(filter, handler);
        } catch (IllegalArgumentException e) {
            throw new UplinkException("uplink: bad topic filter \"" + filter + "\": " + e.getMessage(), e);
        }
        owner.execute(() -> requests.added(filter));
    }

    @Override
    public void stop() {
        if (owner.stopped()) {
            return;
        }
        owner.stopAfter(this::shutdown, options.connectTimeout().plus(options.stopTimeout().multipliedBy(2)).plusSeconds(1));
        subscriptions.close();
    }

    private void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        requests.disconnected();
        if (retry != null) {
            retry.cancel(false);
        }
        if (connecting != null) {
            connecting.await(options.connectTimeout().toMillis());
        }
        try {
            if (client.isConnected()) {
                publisher.sendAndWait(topics.status(), status.offline(Status.STOPPED).toJson(), options.stopTimeout());
                client.disconnect(options.stopTimeout().toMillis());
            }
            client.close();
        } catch (UplinkException e) {
            log.warn("uplink: {}", e.getMessage());
        }
        lastError = null;
        states.set(UplinkState.DISCONNECTED, "stopped");
        log.info("uplink: stopped");
    }

    /** Paho's threads: hand over and return. */
    private final class Events implements BrokerClient.Events {
        @Override
        public void connectionLost(String reason, Throwable cause) {
            owner.execute(() -> onConnectionLost(reason, cause));
        }

        @Override
        public void message(String topic, byte[] payload, boolean retained) {
            subscriptions.enqueue(topic, payload, retained);
        }
    }
}
