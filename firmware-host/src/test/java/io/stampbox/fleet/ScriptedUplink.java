package io.stampbox.fleet;

import io.stampbox.uplink.MessageHandler;
import io.stampbox.uplink.Uplink;
import io.stampbox.uplink.UplinkListener;
import io.stampbox.uplink.UplinkState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** An uplink the test drives: it delivers messages to the subscriptions and records what was published. */
final class ScriptedUplink implements Uplink {

    record Published(String subtopic, String payload, boolean retained) {}

    private final Map<String, BiConsumer<String, byte[]>> unit = new ConcurrentHashMap<>();
    private final Map<String, BiConsumer<String, byte[]>> fleet = new ConcurrentHashMap<>();
    private final List<UplinkListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private volatile UplinkState state = UplinkState.DISCONNECTED;
    private volatile String refusal;

    void connect() {
        state = UplinkState.CONNECTED;
        listeners.forEach(l -> l.stateChanged(state, null));
    }

    /** A message on the unit's own {@code subtopic} (handled by the filter it was subscribed with). */
    void deliver(String filter, String subtopic, String payload) {
        handle(unit.get(filter), subtopic, payload);
    }

    /** A message on {@code _fleet/subtopic}. */
    void deliverFleet(String filter, String payload) {
        handle(fleet.get(filter), filter, payload);
    }

    private static void handle(BiConsumer<String, byte[]> handler, String topic, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (handler instanceof MessageHandler m) {
            m.message(topic, bytes, false);
        } else {
            handler.accept(topic, bytes);
        }
    }

    /** The broker refuses publishes with this reason (MQTT 5), or accepts them again with null. */
    void refusePublishes(String reason) {
        refusal = reason;
    }

    @Override
    public boolean publishesAccepted() {
        return connected() && refusal == null;
    }

    List<Published> published(String subtopic) {
        List<Published> out = new ArrayList<>();
        published.stream().filter(p -> p.subtopic().equals(subtopic)).forEach(out::add);
        return out;
    }

    @Override
    public void start() {}

    @Override
    public void stop() {
        state = UplinkState.DISCONNECTED;
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
        return refusal;
    }

    @Override
    public void addListener(UplinkListener listener) {
        listeners.add(listener);
    }

    @Override
    public CompletableFuture<Void> publish(String subtopic, byte[] payload, int qos, boolean retained) {
        published.add(new Published(subtopic, new String(payload, StandardCharsets.UTF_8), retained));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void subscribe(String subtopicFilter, BiConsumer<String, byte[]> handler) {
        unit.put(subtopicFilter, handler);
    }

    @Override
    public void subscribeFleet(String subtopicFilter, BiConsumer<String, byte[]> handler) {
        fleet.put(subtopicFilter, handler);
    }
}
