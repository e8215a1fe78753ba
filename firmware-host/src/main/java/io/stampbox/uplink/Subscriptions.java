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
    /**
     * The largest inbound message handed to a handler (issue 11): a desired document is at most 64 KiB, a
     * command or a redeem answer far less. Paho 3.1.1 has no packet size limit of its own, so a larger message
     * is already in memory when it arrives: it is dropped here, before it is queued, parsed or kept.
     */
    static final int MAX_MESSAGE_BYTES = UplinkOptions.MAX_PACKET_BYTES;
    /** The most payload bytes waiting for the dispatcher at once; beyond it messages are dropped and counted. */
    static final long MAX_QUEUED_BYTES = 4L * 1024 * 1024;

    private record Arrival(String topic, byte[] payload, boolean retained) {}

    private final Map<String, BiConsumer<String, byte[]>> handlers = new ConcurrentHashMap<>();
    private final BlockingQueue<Arrival> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread = new Thread(this::run, "uplink-dispatch");
    private long dropped;
    private final java.util.concurrent.atomic.AtomicLong queuedBytes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
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

    /** Inbound messages dropped for their size or because the queue was full, since start. */
    long refused() {
        return refused.get();
    }

    /** Inbound messages dropped for being larger than {@link #MAX_MESSAGE_BYTES} (part of {@link #refused()}). */
    long oversize() {
        return oversize.get();
    }

    /**
     * Called on Paho's thread: never blocks. A message over {@link #MAX_MESSAGE_BYTES}, or one that would take
     * the queue over {@link #MAX_QUEUED_BYTES} or {@link #QUEUE_CAPACITY} messages, is dropped and counted.
     */
    void enqueue(String topic, byte[] payload, boolean retained) {
        if (payload.length > MAX_MESSAGE_BYTES) { // an MQTT 5 broker was told not to send one; a 3.1.1 one was not
            refused.incrementAndGet();
            oversize.incrementAndGet();
            log.warn("uplink: message of {} bytes on {} refused (at most {})", payload.length,
                    io.stampbox.config.Printable.escape(topic, 200), MAX_MESSAGE_BYTES);
            return;
        }
        if (queuedBytes.addAndGet(payload.length) > MAX_QUEUED_BYTES
                || !queue.offer(new Arrival(topic, payload, retained))) {
            queuedBytes.addAndGet(-payload.length);
            refused.incrementAndGet();
            if (dropped++ % QUEUE_CAPACITY == 0) {
                log.warn("uplink: dispatcher queue full, dropped message on {} ({} so far)",
                        io.stampbox.config.Printable.escape(topic, 200), dropped);
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
        queuedBytes.addAndGet(-arrival.payload().length);
        for (Map.Entry<String, BiConsumer<String, byte[]>> entry : handlers.entrySet()) {
            if (MqttTopic.isMatched(entry.getKey(), arrival.topic())) {
                try {
                    deliver(entry.getValue(), arrival);
                } catch (RuntimeException e) {
                    log.warn("uplink: handler for {} failed on {}", entry.getKey(),
                            io.stampbox.config.Printable.escape(arrival.topic(), 200), e);
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
