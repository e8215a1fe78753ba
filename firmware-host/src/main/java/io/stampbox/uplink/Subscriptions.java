package io.stampbox.uplink;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink's subscriptions and the dispatcher thread that owns handler calls. Paho's callback thread
 * only {@link #enqueue}s; handlers run on "uplink-dispatch", one message at a time, isolated from each
 * other's failures.
 */
final class Subscriptions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
    private static final int QUEUE_CAPACITY = 1_000;

    private record Arrival(String topic, byte[] payload, boolean retained) {}

    private final Map<String, BiConsumer<String, byte[]>> handlers = new ConcurrentHashMap<>();
    private final BlockingQueue<Arrival> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread = new Thread(this::run, "uplink-dispatch");
    private long dropped;
    private final java.util.concurrent.atomic.AtomicLong oversize = new java.util.concurrent.atomic.AtomicLong();

    Subscriptions() {
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return false when the filter was already subscribed (the handler is replaced) */
    boolean add(String filter, BiConsumer<String, byte[]> handler) {
        MqttTopic.validate(filter, true);
        return handlers.put(filter, handler) == null;
    }

    List<String> filters() {
        return List.copyOf(handlers.keySet());
    }

    /** Inbound messages dropped for being larger than {@link UplinkOptions#MAX_PACKET_BYTES}. */
    long oversize() {
        return oversize.get();
    }

    /**
     * Called on Paho's thread: never blocks. A full queue drops the message and says so; so does a message
     * larger than the unit accepts (an MQTT 5 broker was told not to send one; a 3.1.1 broker was not).
     */
    void enqueue(String topic, byte[] payload, boolean retained) {
        if (payload.length > UplinkOptions.MAX_PACKET_BYTES) {
            long n = oversize.incrementAndGet();
            log.warn("uplink: dropped a {}-byte message on {}: larger than {} bytes ({} so far)",
                    payload.length, topic, UplinkOptions.MAX_PACKET_BYTES, n);
            return;
        }
        if (!queue.offer(new Arrival(topic, payload, retained))) {
            if (dropped++ % QUEUE_CAPACITY == 0) {
                log.warn("uplink: dispatcher queue full, dropped message on {} ({} so far)", topic, dropped);
            }
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                dispatch(queue.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(Arrival arrival) {
        for (Map.Entry<String, BiConsumer<String, byte[]>> entry : handlers.entrySet()) {
            if (MqttTopic.isMatched(entry.getKey(), arrival.topic())) {
                try {
                    deliver(entry.getValue(), arrival);
                } catch (RuntimeException e) {
                    log.warn("uplink: handler for {} failed on {}", entry.getKey(), arrival.topic(), e);
                }
            }
        }
    }

    private static void deliver(BiConsumer<String, byte[]> handler, Arrival arrival) {
        if (handler instanceof MessageHandler retainAware) {
            retainAware.message(arrival.topic(), arrival.payload(), arrival.retained());
        } else {
            handler.accept(arrival.topic(), arrival.payload());
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
