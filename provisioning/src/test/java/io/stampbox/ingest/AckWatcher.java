package io.stampbox.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Listens to every {@code {root}/+/scan/ack} and, the moment each arrives (its own thread, in arrival order),
 * asks the database whether every seq 1..N of that unit is stored or reported lost. Any ack that ran ahead of
 * the database is recorded in {@link #violations()}.
 */
final class AckWatcher implements AutoCloseable {

    private static final Pattern THROUGH = Pattern.compile("\\{\"throughSeq\":(\\d+)}");
    private final MqttClient client;
    private final TestDatabase db;
    private final String root;
    private final LinkedBlockingQueue<String[]> acks = new LinkedBlockingQueue<>();
    private final Map<String, Long> highest = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Thread checker;
    private volatile boolean closed;
    private volatile long checked;

    AckWatcher(String url, String root, TestDatabase db) throws MqttException {
        this.db = db;
        this.root = root;
        client = AckSubscriber.connect(url, root, (topic, payload) -> acks.add(new String[] {topic, payload}));
        checker = new Thread(this::check, "ack-watcher");
        checker.start();
    }

    private void check() {
        try (Connection c = db.open(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM generate_series(1, ?::bigint) g"
                + " WHERE NOT EXISTS (SELECT 1 FROM stampbox_event e WHERE e.device_id = ? AND e.seq = g)"
                + " AND NOT EXISTS (SELECT 1 FROM stampbox_lost l WHERE l.device_id = ? AND g BETWEEN l.first_seq AND l.last_seq)")) {
            while (!closed) {
                String[] ack = acks.poll(50, TimeUnit.MILLISECONDS);
                if (ack == null) {
                    continue;
                }
                String device = ack[0].substring(root.length() + 1, ack[0].length() - "/scan/ack".length());
                Matcher m = THROUGH.matcher(ack[1]);
                if (!m.matches()) {
                    violations.add(device + ": ack payload not {\"throughSeq\":N}: " + ack[1]);
                    continue;
                }
                long through = Long.parseLong(m.group(1));
                s.setLong(1, through);
                s.setString(2, device);
                s.setString(3, device);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getLong(1) != 0) {
                        violations.add(device + ": ack throughSeq " + through + " but " + r.getLong(1) + " of its seqs are not in the database");
                    }
                }
                highest.merge(device, through, Math::max);
                checked++;
            }
        } catch (SQLException | InterruptedException e) {
            violations.add("checker stopped: " + e);
        }
    }

    List<String> violations() {
        return violations;
    }

    long highest(String device) {
        return highest.getOrDefault(device, 0L);
    }

    long checked() {
        return checked;
    }

    @Override
    public void close() throws Exception {
        closed = true;
        checker.join(5000);
        client.disconnect();
        client.close();
    }
}
