package io.stampbox.uplink;

import io.stampbox.time.Backoff;
import io.stampbox.config.UnitConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.stampbox.wire.MqttOptions;
import io.stampbox.wire.Status;
import io.stampbox.wire.TlsException;
import io.stampbox.wire.Topics;

/**
 * The unit's MQTT connection over Eclipse Paho (mqttv3 1.2.5). Paho is used only in this package
 * ({@link PahoPublisher}, {@link PahoActions}, {@link Subscriptions}, {@link FailureReason} help it) and in
 * {@link io.stampbox.wire.MqttOptions}, which builds the connect options; no Paho type or thread leaves
 * the package.
 *
 * <p>Threads: the client's lifecycle (connect, reconnect, disconnect, close) belongs to the "uplink"
 * thread, which runs the state machine DISCONNECTED → CONNECTING → CONNECTED / BACKING_OFF as tasks.
 * Paho's own threads only hand events over to it (or to the dispatcher of {@link Subscriptions}).
 * {@link #publish} may be called from any thread; it is limited by a semaphore a few slots below Paho's
 * {@code maxInflight} and retries Paho's spurious "too many publishes in progress" (32202).
 *
 * <p>Session: clean. The outbox, not Paho or the broker, is the store of outgoing events, so nothing is
 * resent behind the drainer's back and seq order holds on the wire; subscriptions are made again on
 * every connect; what the cloud sends is retained (configuration) or short-lived (commands, redemption
 * answers). Persistence: {@link MemoryPersistence}. No automatic reconnect: our own loop retries even a
 * first connect.
 */
public final class PahoUplink implements Uplink {

    private static final Logger log = LoggerFactory.getLogger(PahoUplink.class);

    private final String url;
    private final Topics topics;
    private final MqttOptions connection;
    private final StatusInfo status;
    private final UplinkOptions options;
    private final MqttAsyncClient client;
    private final Backoff backoff;
    private final PahoPublisher publisher;
    private final Subscriptions subscriptions = new Subscriptions();
    private final List<UplinkListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "uplink");
        t.setDaemon(true);
        return t;
    });

    private volatile UplinkState state = UplinkState.DISCONNECTED;
    private volatile String lastError;

    // Owned by the "uplink" thread.
    private boolean started;
    private boolean stopped;
    private int attempt;
    private String reported;
    private ScheduledFuture<?> retry;
    private IMqttToken connecting;

    /**
     * @throws UplinkException when the URL or the device id is not usable or a TLS file cannot be read; the
     *     message names the field
     */
    public PahoUplink(UnitConfig.Device device, UnitConfig.Mqtt mqtt, StatusInfo status, UplinkOptions options) {
        if (!mqtt.enabled()) {
            throw new UplinkException("mqtt.url: not set, the unit has no uplink");
        }
        this.url = mqtt.url();
        try {
            this.topics = new Topics(mqtt.topicRoot(), device.id());
            this.connection = MqttOptions.of(mqtt);
        } catch (IllegalArgumentException | TlsException e) {
            throw new UplinkException(e.getMessage(), e);
        }
        this.status = status;
        this.options = options;
        this.backoff = Backoff.jittered(options.backoffInitial(), options.backoffMax());
        this.client = newClient(url, device.id());
        this.publisher = new PahoPublisher(client, options.maxInflight(), options.connectTimeout());
        client.setCallback(new Callback());
    }

    private static MqttAsyncClient newClient(String url, String clientId) {
        try {
            return new MqttAsyncClient(url, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new UplinkException("mqtt.url: cannot use \"" + url + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        onOwner(() -> {
            if (!started && !stopped) {
                started = true;
                subscriptions.start();
                connect();
            }
        });
    }

    @Override
    public UplinkState state() {
        return state;
    }

    @Override
    public boolean connected() {
        return state == UplinkState.CONNECTED;
    }

    @Override
    public String lastError() {
        return lastError;
    }

    @Override
    public void addListener(UplinkListener listener) {
        listeners.add(listener);
    }

    // ---- state machine, on the "uplink" thread ----

    private void connect() {
        retry = null;
        if (stopped) {
            return;
        }
        setState(UplinkState.CONNECTING, null);
        try {
            connecting = client.connect(connectOptions(), null, PahoActions.of(
                    ok -> onOwner(this::onConnected),
                    failure -> onOwner(() -> onConnectFailed(failure))));
        } catch (MqttException e) {
            onConnectFailed(e);
        }
    }

    /** The shared options (clean session, TLS, credentials), the offline status as last will, our window. */
    private MqttConnectOptions connectOptions() {
        MqttConnectOptions o = connection.v3(options.connectTimeout(), options.keepAlive(),
                new MqttOptions.Will(topics.status(), status.offline(Status.CONNECTION_LOST).toJson()));
        o.setMaxInflight(options.maxInflight());
        return o;
    }

    private void onConnected() {
        connecting = null;
        if (stopped) {
            return;
        }
        attempt = 0;
        if (reported != null) {
            log.info("uplink: connected to {} (was: {})", url, reported);
        } else {
            log.info("uplink: connected to {} as {}", url, topics.deviceId());
        }
        reported = null;
        lastError = null;
        publisher.send(topics.status(), status.online().toJson(), 1, true);
        subscribeAll(subscriptions.filters());
        setState(UplinkState.CONNECTED, null);
    }

    private void onConnectFailed(Throwable failure) {
        connecting = null;
        log.debug("uplink: connect failed", failure);
        if (!stopped) {
            backOff(FailureReason.describe(failure));
        }
    }

    private void onConnectionLost(Throwable cause) {
        if (!stopped && state == UplinkState.CONNECTED) {
            String why = FailureReason.describe(cause);
            backOff(why.startsWith("connection") ? why : "connection lost: " + why);
        }
    }

    /** Reports the reason (logged only when it differs from the last one) and schedules the next attempt. */
    private void backOff(String reason) {
        lastError = reason;
        if (!reason.equals(reported)) {
            log.warn("uplink: {}: {}; retrying with backoff", url, reason);
            reported = reason;
        }
        Duration delay = backoff.delay(attempt++);
        setState(UplinkState.BACKING_OFF, reason);
        retry = owner.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void setState(UplinkState next, String reason) {
        state = next;
        for (UplinkListener listener : listeners) {
            try {
                listener.stateChanged(next, reason);
            } catch (RuntimeException e) {
                log.warn("uplink: state listener failed on {}", next, e);
            }
        }
    }

    // ---- publish / subscribe ----

    @Override
    public CompletableFuture<Void> publish(String subtopic, byte[] payload, int qos, boolean retained) {
        String topic = topics.device(subtopic);
        if (state != UplinkState.CONNECTED) {
            return CompletableFuture.failedFuture(new UplinkException("uplink: not connected, not sent on " + topic));
        }
        return publisher.send(topic, payload, qos, retained);
    }

    @Override
    public void subscribe(String subtopicFilter, BiConsumer<String, byte[]> handler) {
        addSubscription(topics.device(subtopicFilter), handler);
    }

    @Override
    public void subscribeFleet(String subtopicFilter, BiConsumer<String, byte[]> handler) {
        addSubscription(topics.fleet(subtopicFilter), handler);
    }

    private void addSubscription(String filter, BiConsumer<String, byte[]> handler) {
        try {
            subscriptions.add(filter, handler);
        } catch (IllegalArgumentException e) {
            throw new UplinkException("uplink: bad topic filter \"" + filter + "\": " + e.getMessage(), e);
        }
        onOwner(() -> {
            if (state == UplinkState.CONNECTED) {
                subscribeAll(List.of(filter));
            }
        });
    }

    private void subscribeAll(List<String> filters) {
        if (filters.isEmpty()) {
            return;
        }
        int[] qos = new int[filters.size()];
        java.util.Arrays.fill(qos, 1);
        IMqttActionListener report = PahoActions.of(ok -> { }, failure ->
                log.warn("uplink: subscribe to {} failed: {}", filters, FailureReason.describe(failure)));
        try {
            client.subscribe(filters.toArray(new String[0]), qos, null, report);
        } catch (MqttException e) {
            log.warn("uplink: subscribe to {} failed: {}", filters, FailureReason.describe(e));
        }
    }

    // ---- stop ----

    @Override
    public void stop() {
        if (owner.isShutdown()) {
            return;
        }
        Duration timeout = options.connectTimeout().plus(options.stopTimeout().multipliedBy(2)).plusSeconds(1);
        try {
            owner.submit(this::shutdown).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.warn("uplink: stop did not finish cleanly: {}", e.toString());
        }
        owner.shutdownNow();
        subscriptions.close();
    }

    private void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (retry != null) {
            retry.cancel(false);
        }
        awaitConnectAttempt();
        if (client.isConnected()) {
            sayOffline();
            disconnect();
        }
        closeClient();
        lastError = null;
        setState(UplinkState.DISCONNECTED, "stopped");
        log.info("uplink: stopped");
    }

    private void awaitConnectAttempt() {
        if (connecting != null) {
            try {
                connecting.waitForCompletion(options.connectTimeout().toMillis());
            } catch (MqttException e) {
                // the attempt failed: nothing to disconnect
            }
        }
    }

    private void sayOffline() {
        try {
            publisher.send(topics.status(), status.offline(Status.STOPPED).toJson(), 1, true)
                    .get(options.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("uplink: offline status not confirmed: {}", e.toString());
        }
    }

    private void disconnect() {
        try {
            client.disconnect(options.stopTimeout().toMillis() / 2).waitForCompletion(options.stopTimeout().toMillis());
        } catch (MqttException e) {
            try {
                client.disconnectForcibly(0, options.stopTimeout().toMillis() / 2);
            } catch (MqttException forced) {
                log.warn("uplink: disconnect failed: {}", FailureReason.describe(forced));
            }
        }
    }

    private void closeClient() {
        try {
            client.close();
        } catch (MqttException e) {
            log.warn("uplink: close failed: {}", FailureReason.describe(e));
        }
    }

    // ---- plumbing ----

    private void onOwner(Runnable task) {
        try {
            owner.execute(task);
        } catch (RejectedExecutionException e) {
            // stopped: nothing more happens
        }
    }

    /** Paho's callback thread: hand over and return. */
    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            onOwner(() -> onConnectionLost(cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            subscriptions.enqueue(topic, message.getPayload(), message.isRetained());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // publish futures complete through their action listeners
        }
    }
}
