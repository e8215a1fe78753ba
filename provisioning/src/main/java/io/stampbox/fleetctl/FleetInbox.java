package io.stampbox.fleetctl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import io.stampbox.toolkit.ToolFailure;
import io.stampbox.wire.Topics;

/** What arrives on a client's subscriptions, taken from Paho's thread into a queue. */
final class FleetInbox implements MqttCallback {

    /** @param retained true for a message the broker kept, false for one published while we listened */
    record Arrival(String topic, String text, boolean retained) {}

    private final LinkedBlockingQueue<Arrival> queue = new LinkedBlockingQueue<>();

    FleetInbox(MqttClient client) {
        client.setCallback(this);
    }

    @Override
    public void connectionLost(Throwable cause) {}

    @Override
    public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
        queue.add(new Arrival(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained()));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}

    /** The next arrival that matches, or null after the timeout. */
    Arrival await(Predicate<Arrival> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Arrival a = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (a == null || match.test(a)) {
                return a;
            }
        }
    }

    /** The retained messages, see {@link #retained(MqttClient, FleetBroker, List)}, on a new inbox. */
    static Map<String, String> retainedOnce(MqttClient client, FleetBroker broker, List<String> filters)
            throws InterruptedException {
        return new FleetInbox(client).retained(client, broker, filters);
    }

    /**
     * The retained messages on these filters, latest per topic: subscribes, then sends a marker on a
     * topic of its own; the broker delivers in order, so what came before the marker is all there is.
     *
     * @throws ToolFailure when the broker refuses, or the marker does not come back in time
     */
    Map<String, String> retained(MqttClient client, FleetBroker broker, List<String> filters) throws InterruptedException {
        String marker = Topics.tools(broker.root, UUID.randomUUID().toString());
        try {
            for (String filter : filters) {
                client.subscribe(filter, 1);
            }
            client.subscribe(marker, 1);
            client.publish(marker, new byte[] {'.'}, 1, false);
        } catch (MqttException e) {
            throw broker.lost(e);
        }
        Map<String, String> latest = new LinkedHashMap<>();
        List<Arrival> all = new ArrayList<>();
        Arrival end = await(a -> {
            all.add(a);
            return a.topic().equals(marker);
        }, broker.timeout());
        if (end == null) {
            throw ToolFailure.failed("no answer from the broker at " + broker.url + " within " + broker.timeoutSeconds + " s");
        }
        for (Arrival a : all) {
            if (!a.topic().equals(marker) && !a.text().isEmpty()) {
                latest.put(a.topic(), a.text());
            }
        }
        return latest;
    }
}
