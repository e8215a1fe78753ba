package io.stampbox.uplink;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Publishes through Paho with our own in-flight limit a few slots below Paho's {@code maxInflight}, and
 * retries Paho's spurious "too many publishes in progress" (32202), which it raises even when our count
 * says there is room (its counter is released after the token completes). Safe from any thread.
 */
final class PahoPublisher {

    private static final int MAX_INFLIGHT_RETRIES = 1_000;
    private static final long MAX_INFLIGHT_PAUSE_NANOS = 200_000;

    private final MqttAsyncClient client;
    private final Semaphore inflight;
    private final Duration waitForSlot;

    PahoPublisher(MqttAsyncClient client, int maxInflight, Duration waitForSlot) {
        this.client = client;
        this.inflight = new Semaphore(maxInflight - UplinkOptions.PAHO_MARGIN);
        this.waitForSlot = waitForSlot;
    }

    /** Completes on PUBACK (QoS 1) or once written (QoS 0); fails with {@link UplinkException} naming the topic. */
    CompletableFuture<Void> send(String topic, byte[] payload, int qos, boolean retained) {
        try {
            if (!inflight.tryAcquire(waitForSlot.toMillis(), TimeUnit.MILLISECONDS)) {
                return failed("uplink: publish window full, not sent on " + topic, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("uplink: interrupted, not sent on " + topic, e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        IMqttActionListener listener = PahoActions.of(ok -> {
            inflight.release();
            done.complete(null);
        }, failure -> {
            inflight.release();
            done.completeExceptionally(failure(topic, failure));
        });
        try {
            publishRetrying(topic, payload, qos, retained, listener);
        } catch (MqttException | RuntimeException e) {
            inflight.release();
            done.completeExceptionally(failure(topic, e));
        }
        return done;
    }

    private void publishRetrying(String topic, byte[] payload, int qos, boolean retained, IMqttActionListener listener)
            throws MqttException {
        for (int i = 0; ; i++) {
            try {
                client.publish(topic, payload, qos, retained, null, listener);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || i >= MAX_INFLIGHT_RETRIES) {
                    throw e;
                }
                LockSupport.parkNanos(MAX_INFLIGHT_PAUSE_NANOS);
            }
        }
    }

    private static UplinkException failure(String topic, Throwable cause) {
        return new UplinkException("uplink: publish on " + topic + " failed: " + FailureReason.describe(cause), cause);
    }

    private static CompletableFuture<Void> failed(String message, Throwable cause) {
        return CompletableFuture.failedFuture(new UplinkException(message, cause));
    }
}
