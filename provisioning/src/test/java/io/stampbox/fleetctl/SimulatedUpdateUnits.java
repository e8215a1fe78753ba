package io.stampbox.fleetctl;

import io.stampbox.wire.CommandRequest;
import io.stampbox.wire.CommandResult;
import io.stampbox.wire.Status;
import io.stampbox.wire.Topics;
import io.stampbox.wire.UpdateOrder;
import io.stampbox.wire.UpdateState;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Units that only speak the update wire (update-wire.md), on a real broker, through one Paho client: each has a
 * retained online status at version 1.3.0; an order on {@code cmd/update} is checked as a unit checks it (fields,
 * then the Ed25519 signature over the exact bytes), answered on {@code cmd/result}, then followed by retained
 * {@code update/state} changes ending as the unit's {@link Outcome} says. Paho's thread only enqueues; the
 * thread "simulated-units" answers.
 */
final class SimulatedUpdateUnits implements AutoCloseable {

    /**
     * How a unit's update ends. HOLD stays in downloading until {@link #release}; SILENT never answers; ALREADY
     * runs the version and refuses the order as the unit does (cmd/result, then a retained refused state).
     */
    enum Outcome { DONE, REVERTED, FAILED, HOLD, SILENT, ALREADY }

    private final MqttClient client;
    private final String root;
    private final PublicKey fleetKey;
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, List<UpdateOrder>> orders = new ConcurrentHashMap<>();
    private final List<String> cancels = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> garbage = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Object[]> inbox = new LinkedBlockingQueue<>();
    private final Thread worker;

    SimulatedUpdateUnits(String url, String root, PublicKey fleetKey, Map<String, Outcome> units) throws Exception {
        this.root = root;
        this.fleetKey = fleetKey;
        outcomes.putAll(units);
        client = new MqttClient(url, "simulated-units", new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                inbox.add(new Object[] {topic, message.getPayload()});
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        client.connect();
        for (String unit : units.keySet()) {
            publish(new Topics(root, unit).status(), Status.online("1.3.0", Instant.now(), 1, "store-1", null).toJson());
        }
        client.subscribe(Topics.everyUnit(root, "cmd/+"), 1);
        worker = new Thread(this::work, "simulated-units");
        worker.start();
    }

    /** Payloads published on the unit's update/state before the real ones, as a hostile party would. */
    void garbageFirst(String unit, String... payloads) {
        garbage.put(unit, List.of(payloads));
    }

    /** The orders each unit received (and that verified). */
    List<UpdateOrder> orders(String unit) {
        return orders.getOrDefault(unit, List.of());
    }

    List<String> cancels() {
        return cancels;
    }

    /** A held unit finishes with this outcome. */
    void release(String unit, Outcome outcome) throws Exception {
        outcomes.put(unit, outcome);
        List<UpdateOrder> got = orders(unit);
        finish(unit, got.get(got.size() - 1), outcome);
    }

    /** A silent unit comes back: from now on it answers with this outcome, and says it is online (live). */
    void comesBack(String unit, Outcome outcome) throws Exception {
        outcomes.put(unit, outcome);
        publish(new Topics(root, unit).status(), Status.online("1.3.0", Instant.now(), 1, "store-1", null).toJson());
    }

    private void work() {
        try {
            while (true) {
                Object[] m = inbox.take();
                answer((String) m[0], (byte[]) m[1]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("simulated units: " + e, e);
        }
    }

    private void answer(String topic, byte[] payload) throws Exception {
        String name = Topics.commandName(topic);
        String unit = Topics.unitOf(root, topic, "cmd/" + name);
        if (name == null || unit == null || !outcomes.containsKey(unit) || outcomes.get(unit) == Outcome.SILENT) {
            return;
        }
        CommandRequest request = CommandRequest.parse(payload);
        Topics topics = new Topics(root, unit);
        if (name.equals(UpdateWire.CANCEL)) {
            cancels.add(unit);
            return;
        }
        UpdateOrder order;
        try {
            order = UpdateOrder.parse(request.args());
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(fleetKey);
            verifier.update(order.signedBytes());
            if (!verifier.verify(Base64.getDecoder().decode(order.signature()))) {
                throw new IllegalArgumentException("signature: does not verify with the fleet key");
            }
        } catch (IllegalArgumentException e) {
            publish(topics.commandResult(), CommandResult.failed(name, request.id(), e.getMessage()).toJson());
            return;
        }
        orders.computeIfAbsent(unit, u -> new CopyOnWriteArrayList<>()).add(order);
        if (outcomes.get(unit) == Outcome.ALREADY) {
            publish(topics.commandResult(), CommandResult.failed(name, request.id(), "update refused: version "
                    + order.version() + " is already running").toJson());
            publish(topics.device(Topics.UPDATE_STATE), new UpdateState(order.version(), order.version(),
                    order.version(), UpdateState.REFUSED, "already running", order.rollout(), Instant.now().toString(),
                    null, null).toJson());
            return;
        }
        publish(topics.commandResult(), CommandResult.done(name, request.id(), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("accepted", true).put("state", "pending").put("version", order.version())).toJson());
        for (String junk : garbage.getOrDefault(unit, List.of())) {
            publish(topics.device(Topics.UPDATE_STATE), junk.getBytes(StandardCharsets.UTF_8));
        }
        state(unit, order, UpdateState.PENDING, null);
        state(unit, order, UpdateState.DOWNLOADING, null);
        if (outcomes.get(unit) != Outcome.HOLD) {
            finish(unit, order, outcomes.get(unit));
        }
    }

    private void finish(String unit, UpdateOrder order, Outcome outcome) throws Exception {
        if (outcome == Outcome.FAILED) {
            state(unit, order, UpdateState.FAILED, "digest mismatch");
            return;
        }
        state(unit, order, UpdateState.INSTALLING, null);
        state(unit, order, UpdateState.VERIFYING, null);
        if (outcome == Outcome.REVERTED) {
            state(unit, order, UpdateState.REVERTED, "the uplink did not connect within 120 s");
        } else {
            state(unit, order, UpdateState.DONE, null);
        }
    }

    private void state(String unit, UpdateOrder order, String state, String reason) throws Exception {
        String running = UpdateState.DONE.equals(state) ? order.version() : "1.3.0";
        publish(new Topics(root, unit).device(Topics.UPDATE_STATE), new UpdateState(order.version(), "1.3.0", running, state, reason,
                order.rollout(), Instant.now().toString(), null, null).toJson());
    }

    /** Publishes, retained but for cmd/result; Paho's 32202 (too many in progress) is tried again shortly. */
    private void publish(String topic, byte[] payload) throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                client.publish(topic, payload, 1, !topic.endsWith("/cmd/result"));
                return;
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                if (e.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT
                        || attempt > 100) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    /** The units in the order a rollout reaches them (by the hash of their ids). */
    static List<String> rolloutOrder(List<String> units) {
        List<String> sorted = new ArrayList<>(units);
        sorted.sort(java.util.Comparator.comparing(UpdateStartCommand::hash));
        return sorted;
    }

    @Override
    public void close() throws Exception {
        worker.interrupt();
        worker.join(5_000);
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
