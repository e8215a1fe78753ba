package io.stampbox.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The fleet admin of the fan-out benchmark (MQTT 3.1.1, which mosquitto and NATS both speak): publishes the fleet
 * document and takes the time each unit's {@code config/reported} first carried each version.
 */
final class ReportedWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** version → unit → System.nanoTime() of the first report of it (or a later version). */
    private final Map<Long, Map<String, Long>> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, Long> highest = new ConcurrentHashMap<>();
    private final MqttClient client;

    ReportedWatcher(String url, String root) throws MqttException {
        client = new MqttClient(url, "bench-admin-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                long now = System.nanoTime();
                try {
                    JsonNode report = JSON.readTree(new String(message.getPayload(), StandardCharsets.UTF_8));
                    String unit = topic.split("/")[topic.split("/").length - 3];
                    long version = report.path("version").asLong();
                    highest.merge(unit, version, Math::max);
                    firstSeen.computeIfAbsent(version, v -> new ConcurrentHashMap<>()).putIfAbsent(unit, now);
                } catch (Exception ignored) {
                    // not a report: the benchmark counts only reports it can read
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setKeepAliveInterval(60);
        client.connect(options);
        client.subscribe(root + "/+/config/reported", 1);
    }

    /** Units whose latest report carries {@code version} or later. */
    long reportedAtLeast(long version) {
        return highest.values().stream().filter(v -> v >= version).count();
    }

    /** Publishes a fleet document (retained, QoS 1) with {@code version}; returns System.nanoTime() before it. */
    long pushFleet(String root, long version) throws MqttException {
        byte[] doc = ("{\"version\": " + version + ", \"codes\": {\"cooldownSeconds\": " + version + "}}")
                .getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        client.publish(root + "/_fleet/config/desired", doc, 1, true);
        return t0;
    }

    /** Seconds from {@code t0} to each unit's first report of {@code version}, sorted. */
    List<Double> delays(long version, long t0) {
        List<Double> out = new ArrayList<>();
        firstSeen.getOrDefault(version, Map.of()).values().forEach(t -> out.add((t - t0) / 1e9));
        Collections.sort(out);
        return out;
    }

    /** The {@code p}-quantile (0..1) of sorted values, nearest rank. */
    static double quantile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
