package io.stampbox.ingest;

import io.stampbox.wire.ScanEvent;
import io.stampbox.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A unit as the ingest sees it from the broker: scan events as the contract has them (the daemon's own
 * {@link ScanEvent} JSON), in seq order, QoS 1, each waited for. Event ids are fixed per (unit, seq), so a
 * resend is the same event, as after a unit's crash.
 */
final class SimulatedUnit implements AutoCloseable {

    private final MqttClient client;
    private final Topics topics;

    SimulatedUnit(String url, String root, String deviceId) throws MqttException {
        this(url, root, deviceId, deviceId + "-" + UUID.randomUUID());
    }

    SimulatedUnit(String url, String root, String deviceId, String clientId) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o);
        topics = new Topics(root, deviceId);
    }

    static String eventId(String deviceId, long seq) {
        return UUID.nameUUIDFromBytes((deviceId + "/" + seq).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static byte[] stamp(String deviceId, long seq) {
        return new ScanEvent(ScanEvent.SCHEMA, eventId(deviceId, seq), deviceId, "store-1", seq, ScanEvent.KIND_STAMP,
                "CARD" + seq, "CARD" + seq, "qr", Instant.now().toString(), true, 1, null).toJson();
    }

    void stamp(long seq) throws MqttException {
        publish("scan", stamp(topics.deviceId(), seq));
    }

    void voids(long seq, long voidedSeq) throws MqttException {
        String d = topics.deviceId();
        publish("scan", ("{\"schema\":\"stampbox.scan.v1\",\"eventId\":\"" + eventId(d, seq) + "\",\"deviceId\":\"" + d
                + "\",\"storeId\":\"store-1\",\"seq\":" + seq + ",\"kind\":\"void\",\"voids\":{\"eventId\":\""
                + eventId(d, voidedSeq) + "\",\"seq\":" + voidedSeq + "},\"scannedAt\":\"" + Instant.now()
                + "\",\"clockSynced\":true,\"configVersion\":1}").getBytes(StandardCharsets.UTF_8));
    }

    void publish(String subtopic, byte[] payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topics.device(subtopic), m);
    }

    void status(String json) throws MqttException {
        MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        m.setRetained(true);
        client.publish(topics.device("status"), m);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
