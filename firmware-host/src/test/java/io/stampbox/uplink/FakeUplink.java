package io.stampbox.uplink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** An {@link Uplink} whose connection and PUBACKs the test controls. */
final class FakeUplink implements Uplink {

    record Sent(String subtopic, byte[] payload, int qos, boolean retained, CompletableFuture<Void> ack) {}

    private final List<UplinkListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private volatile UplinkState state = UplinkState.DISCONNECTED;

    void connect() {
        setState(UplinkState.CONNECTED, null);
    }

    /** The connection drops: every unacknowledged publish fails, as Paho fails its tokens. */
    void drop() {
        setState(UplinkState.BACKING_OFF, "connection lost");
        for (Sent s : sent()) {
            s.ack().completeExceptionally(new UplinkException("connection lost"));
        }
    }

    private void setState(UplinkState next, String reason) {
        state = next;
        listeners.forEach(l -> l.stateChanged(next, reason));
    }

    synchronized List<Sent> sent() {
        return new ArrayList<>(sent);
    }

    /** Unacknowledged publishes, oldest first. */
    List<Sent> pending() {
        return sent().stream().filter(s -> !s.ack().isDone()).toList();
    }

    @Override
    public synchronized CompletableFuture<Void> publish(String subtopic, byte[] payload, int qos, boolean retained) {
        if (state != UplinkState.CONNECTED) {
            return CompletableFuture.failedFuture(new UplinkException("not connected"));
        }
        CompletableFuture<Void> ack = new CompletableFuture<>();
        sent.add(new Sent(subtopic, payload, qos, retained, ack));
        return ack;
    }

    @Override
    public void start() {}

    @Override
    public void stop() {
        setState(UplinkState.DISCONNECTED, "stopped");
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
        return null;
    }

    @Override
    public void addListener(UplinkListener listener) {
        listeners.add(listener);
    }

    @Override
    public void subscribe(String subtopicFilter, BiConsumer<String, byte[]> handler) {}

    @Override
    public void subscribeFleet(String subtopicFilter, BiConsumer<String, byte[]> handler) {}
}
