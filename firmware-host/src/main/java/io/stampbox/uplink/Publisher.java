package io.stampbox.uplink;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes through a {@link BrokerClient} with our own in-flight limit a few slots below Paho's window,
 * and retries Paho's spurious "too many publishes in progress" (32202), which it raises even when our
 * count says there is room (its counter is released after the token completes). Under MQTT 5 the
 * limit shrinks to the broker's Receive Maximum at each connect ({@link #limitTo}), and a message larger
 * than the broker's Maximum Packet Size (or {@code mqtt.preset}'s) is refused here, as the broker would
 * (reason 149, packet too large), instead of costing the connection. Safe from any thread.
 */
final class Publisher {

    private static final int MAX_INFLIGHT_RETRIES = 1_000;
    private static final long MAX_INFLIGHT_PAUSE_NANOS = 200_000;

    private final BrokerClient client;
    private final int ceiling;
    private final Duration waitForSlot;
    private final Object lock = new Object();
    private final long configuredMaxPacket;
    private int limit;
    private int used;
    private volatile long maxPacket;

    /** @param maxPacket the largest packet to send whatever the broker says, 0 for no limit of our own */
    Publisher(BrokerClient client, int maxInflight, Duration waitForSlot, long maxPacket) {
        this.client = client;
        this.configuredMaxPacket = maxPacket;
        this.maxPacket = maxPacket;
        this.ceiling = maxInflight - UplinkOptions.PAHO_MARGIN;
        this.limit = ceiling;
        this.waitForSlot = waitForSlot;
    }

    /**
     * The broker's Receive Maximum (0: none) bounds the window, never below one slot; its Maximum Packet
     * Size (0: none) bounds what is sent, with the configured one.
     */
    void limitTo(int receiveMaximum, long maximumPacketSize) {
        maxPacket = maximumPacketSize <= 0 ? configuredMaxPacket
                : configuredMaxPacket <= 0 ? maximumPacketSize : Math.min(configuredMaxPacket, maximumPacketSize);
        synchronized (lock) {
            limit = receiveMaximum <= 0 ? ceiling
                    : Math.max(1, Math.min(ceiling, receiveMaximum - UplinkOptions.PAHO_MARGIN));
            lock.notifyAll();
        }
    }

    int limit() {
        synchronized (lock) {
            return limit;
        }
    }

    /**
     * Completes on PUBACK (QoS 1) or once written (QoS 0); fails with {@link UplinkException} naming the
     * topic, a {@link PublishRefused} when the broker refused it.
     */
    CompletableFuture<Void> send(String topic, byte[] payload, int qos, boolean retained, Duration expiry) {
        long max = maxPacket;
        if (max > 0 && packetSize(topic, payload) > max) {
            return CompletableFuture.failedFuture(new PublishRefused(ReasonCodes.PACKET_TOO_LARGE, topic));
        }
        try {
            if (!acquire()) {
                return failed("uplink: publish window full, not sent on " + topic, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("uplink: interrupted, not sent on " + topic, e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        BrokerClient.Outcome outcome = failure -> {
            release();
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure instanceof PublishRefused ? failure : failure(topic, failure));
            }
        };
        try {
            publishRetrying(topic, payload, qos, retained, expiry, outcome);
        } catch (RuntimeException e) {
            release();
            done.completeExceptionally(failure(topic, e));
        }
        return done;
    }

    /** Sends at QoS 1, retained, and waits for the PUBACK (the offline status at stop); logs a failure. */
    void sendAndWait(String topic, byte[] payload, Duration timeout) {
        try {
            send(topic, payload, 1, true, null).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            org.slf4j.LoggerFactory.getLogger(Publisher.class).warn("uplink: not confirmed on {}: {}", topic, e.toString());
        }
    }

    private void publishRetrying(String topic, byte[] payload, int qos, boolean retained, Duration expiry,
            BrokerClient.Outcome outcome) {
        for (int i = 0; !client.publish(topic, payload, qos, retained, expiry, outcome); i++) {
            if (i >= MAX_INFLIGHT_RETRIES) {
                throw new UplinkException("Paho's in-flight window stayed full");
            }
            LockSupport.parkNanos(MAX_INFLIGHT_PAUSE_NANOS);
        }
    }

    private boolean acquire() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitForSlot.toMillis());
        synchronized (lock) {
            while (used >= limit) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            used++;
            return true;
        }
    }

    private void release() {
        synchronized (lock) {
            used--;
            lock.notify();
        }
    }

    /** The PUBLISH packet's size, generously: fixed header, topic, packet id, properties, payload. */
    static long packetSize(String topic, byte[] payload) {
        return 5 + 2 + topic.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 2 + 16 + payload.length;
    }

    private static UplinkException failure(String topic, Throwable cause) {
        Throwable root = cause instanceof UplinkException && cause.getCause() != null ? cause.getCause() : cause;
        return new UplinkException("uplink: publish on " + topic + " failed: " + FailureReason.describe(root), cause);
    }

    private static CompletableFuture<Void> failed(String message, Throwable cause) {
        return CompletableFuture.failedFuture(new UplinkException(message, cause));
    }
}
