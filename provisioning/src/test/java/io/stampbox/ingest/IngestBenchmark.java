package io.stampbox.ingest;

import io.stampbox.testing.MosquittoBroker;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.SlowTest;

/**
 * Not a timed test: a benchmark, run on demand (see provisioning/docs/ingest.md):
 *
 * <pre>mvn -q -B -pl provisioning -am test -Dtest=IngestBenchmark -Dstampbox.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Ingest throughput into PostgreSQL with one and with two {@code stampbox-ingest run} processes (child JVMs) on
 * one shared subscription, next to a plain {@code COPY} of the same rows, in the same run. The events are
 * queued first in the ingests' persistent sessions (the ingests subscribe, stop, the units publish), so the
 * publishers' speed is not measured: the rate is events / (last commit - first commit), from the rows'
 * {@code received_at}. Each round gets a fresh database. Results go to target/ingest-benchmark.md.
 */
@EnabledIfSystemProperty(named = "stampbox.benchmark", matches = "true")
@BrokerTest
@SlowTest
class IngestBenchmark {

    private static final int EVENTS = Integer.getInteger("stampbox.benchmark.events", 100_000);
    private static final int UNITS = Integer.getInteger("stampbox.benchmark.units", 100);
    private static final int ROUNDS = Integer.getInteger("stampbox.benchmark.rounds", 2);
    private static final String ROOT = "bench/v1";

    @TempDir
    Path dir;

    private final List<String> summaries = new ArrayList<>();

    @Test
    void ingestThroughputWithOneAndTwoConsumersNextToCopy() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%n%s, %,d events from %d units, load average at start %s%n", Instant.now(), EVENTS, UNITS, load()));
        lines.add("| round | 1 consumer events/s | 2 consumers events/s | COPY rows/s |");
        lines.add("|---|---|---|---|");
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start()) {
            for (int round = 1; round <= ROUNDS; round++) {
                double one = ingest(broker, 1, round);
                double two = ingest(broker, 2, round);
                double copy = copy();
                lines.add(String.format("| %d | %,.0f | %,.0f | %,.0f |", round, one, two, copy));
                System.out.println(lines.get(lines.size() - 1));
            }
        }
        lines.add(String.format("%nload average at end %s%n", load()));
        summaries.forEach(line -> lines.add("    " + line));
        Files.writeString(Path.of("target", "ingest-benchmark.md"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(String.join("\n", lines));
    }

    private double ingest(MosquittoBroker broker, int consumers, int round) throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            String group = "bench" + consumers + "r" + round;
            List<String[]> args = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                args.add(new String[] {"--url", broker.url(), "--db", db.url(), "--root", ROOT, "--group", group, "--client-id",
                    group + "-" + i, "--session-expiry", "3600"});
            }
            cycle(args, false);
            publish(broker.url());
            List<IngestProcess> running = cycle(args, true);
            try {
                Eventually.until("all stored", Duration.ofMinutes(10), () -> db.count("SELECT count(*) FROM stampbox_event") == EVENTS,
                        () -> "stored " + db.count("SELECT count(*) FROM stampbox_event"));
            } finally {
                for (IngestProcess p : running) {
                    p.close();
                    summaries.add("round " + round + ", " + consumers + " consumer(s): "
                            + p.log().lines().filter(l -> l.contains("transactions")).reduce((x, y) -> y).orElse("(no summary)"));
                }
            }
            try (Connection c = db.open(); var s = c.createStatement();
                    var r = s.executeQuery("SELECT min(received_at), max(received_at) FROM stampbox_event")) {
                r.next();
                return rate(r.getTimestamp(1), r.getTimestamp(2));
            }
        }
    }

    /** Starts the ingests and waits until they consume; with {@code keep} false stops them again (sessions stay). */
    private List<IngestProcess> cycle(List<String[]> args, boolean keep) throws Exception {
        List<IngestProcess> started = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            started.add(IngestProcess.start(dir, "bench-" + i, args.get(i)));
        }
        for (IngestProcess p : started) {
            Eventually.until("ingest consuming", Duration.ofSeconds(60), p::consuming, p::log);
            if (!keep) {
                p.close();
            }
        }
        return started;
    }

    private static void publish(String url) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, "bench-units", new MemoryPersistence());
        client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        List<IMqttToken> window = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String device = "unit-" + (i % UNITS);
            long seq = i / UNITS + 1;
            window.add(publishOne(client, ROOT + "/" + device + "/scan", SimulatedUnit.stamp(device, seq)));
            if (window.size() == 16) {
                for (IMqttToken t : window) {
                    t.waitForCompletion(30_000);
                }
                window.clear();
            }
        }
        for (IMqttToken t : window) {
            t.waitForCompletion(30_000);
        }
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }

    /** Paho's "too many publishes in progress" (32202) comes even inside the window (stack.md): try again. */
    private static IMqttToken publishOne(MqttAsyncClient client, String topic, byte[] payload) throws Exception {
        while (true) {
            try {
                return client.publish(topic, payload, 1, false);
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                if (e.getReasonCode() != 32202) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    /** The same rows (the same payloads and columns) with one COPY into a fresh database's event table. */
    private static double copy() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            String device = "unit-" + (i % UNITS);
            long seq = i / UNITS + 1;
            String payload = new String(SimulatedUnit.stamp(device, seq), StandardCharsets.UTF_8).replace("\\", "\\\\");
            rows.append(SimulatedUnit.eventId(device, seq)).append('\t').append(device).append('\t').append(seq)
                    .append("\tstamp\tstore-1\tCARD").append(seq).append('\t').append(Instant.now()).append("\ttrue\t1\t\\N\t\\N\t")
                    .append(payload).append('\n');
        }
        try (TestDatabase db = new TestDatabase(); Connection c = db.open()) {
            Schema.create(c);
            long t0 = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY stampbox_event (event_id, device_id, seq, kind, store_id, card_id,"
                    + " scanned_at, clock_synced, config_version, voids_event_id, voids_seq, payload) FROM STDIN", new StringReader(rows.toString()));
            return EVENTS / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static double rate(Timestamp first, Timestamp last) {
        double seconds = Duration.between(first.toInstant(), last.toInstant()).toNanos() / 1e9;
        return EVENTS / Math.max(seconds, 1e-3);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
