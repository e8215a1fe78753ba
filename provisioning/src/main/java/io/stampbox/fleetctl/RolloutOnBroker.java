package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.toolkit.ToolFailure;
import io.stampbox.wire.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/** The retained rollout and whether a driver runs it, as every {@code update} command reads them. */
final class RolloutOnBroker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUSY_ATTEMPTS = 50;
    private static final long BUSY_PAUSE_MS = 20;

    /**
     * @param rollout the retained rollout, or null when there is none
     * @param driverAlive whether a {@code start} or {@code resume} process drives it now
     * @param retained everything read, by topic
     * @param problem why the retained rollout does not read, or null
     */
    record Found(Rollout rollout, boolean driverAlive, Map<String, String> retained, String problem) {

        /** @throws ToolFailure (exit 1) when there is no rollout, or it does not read */
        Rollout required(FleetBroker broker) {
            if (problem != null) {
                throw ToolFailure.failed(problem);
            }
            if (rollout == null) {
                throw ToolFailure.failed("no rollout under " + broker.root + " (stampbox-fleet update start makes one)");
            }
            return rollout;
        }
    }

    private RolloutOnBroker() {}

    /**
     * Reads the rollout, its driver and whatever else is asked for ({@code filters}), on this inbox; a rollout
     * that does not read is a {@link Found#problem}.
     */
    static Found read(FleetBroker broker, MqttClient client, FleetInbox inbox, List<String> filters)
            throws InterruptedException {
        String topic = Topics.fleet(broker.root, Rollout.TOPIC);
        String driver = Topics.fleet(broker.root, Rollout.DRIVER);
        List<String> all = new ArrayList<>(filters);
        all.add(topic);
        all.add(driver);
        Map<String, String> retained = inbox.retained(client, broker, all);
        String text = retained.get(topic);
        if (text == null) {
            return new Found(null, false, retained, null);
        }
        try {
            Rollout rollout = Rollout.fromJson(text.getBytes(StandardCharsets.UTF_8));
            return new Found(rollout, alive(retained.get(driver), rollout.id), retained, null);
        } catch (IllegalArgumentException e) {
            return new Found(null, false, retained, "the retained rollout at " + topic + " does not read: "
                    + e.getMessage() + " (stampbox-fleet update start --replace writes a new one)");
        }
    }

    private static boolean alive(String text, String id) {
        JsonNode d = small(text);
        return id.equals(d.path("rollout").asText()) && d.path("alive").asBoolean(false);
    }

    /** A small JSON document from the broker (at most 4 KiB); a missing node for anything else. */
    static JsonNode small(String text) {
        try {
            JsonNode node = text == null || text.length() > 4096 ? null : JSON.readTree(text);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    static void publish(FleetBroker broker, MqttClient client, Rollout rollout) {
        publish(broker, client, Topics.fleet(broker.root, Rollout.TOPIC), rollout.toJson(), true);
    }

    /**
     * Publishes at QoS 1; Paho's "too many publishes in progress" (32202, seen even one at a time: stack.md) is
     * tried again shortly, a few times.
     *
     * @throws ToolFailure (exit 1) when the broker does not take it
     */
    static void publish(FleetBroker broker, MqttClient client, String topic, byte[] payload, boolean retained) {
        for (int attempt = 1;; attempt++) {
            try {
                client.publish(topic, payload, 1, retained);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || attempt >= BUSY_ATTEMPTS) {
                    throw broker.lost(e);
                }
            }
            try {
                Thread.sleep(BUSY_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ToolFailure.failed("interrupted while publishing to " + topic, e);
            }
        }
    }

    /** Who asks, for the rollout's reason: the local user name. */
    static String who() {
        String user = System.getProperty("user.name", "an admin");
        return user.length() > 32 ? user.substring(0, 32) : user;
    }
}
