package io.stampbox.uplink;

import io.stampbox.time.Ticker;
import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.outbox.MapDbOutbox;
import io.stampbox.outbox.Outbox;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.FilledOutbox;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a timed test: a benchmark, run on demand (see docs/uplink.md):
 *
 * <pre>mvn -q -B -pl firmware-host test -Dtest=DrainBenchmark -Dstampbox.benchmark=true</pre>
 *
 * Drains N buffered scan-sized events from an outbox through {@link PahoUplink} (MQTT 5) and {@link Drainer},
 * and sends the same payloads with a plain Paho mqttv5 QoS 1 async publisher with the same in-flight window, to the
 * same local mosquitto, alternating, in the same run. Results go to target/uplink-benchmark.md.
 */
@EnabledIfSystemProperty(named = "stampbox.benchmark", matches = "true")
@BrokerTest
@ProcessTest
@SlowTest
class DrainBenchmark {

    private static final int EVENTS = Integer.getInteger("stampbox.benchmark.events", 100_000);
    private static final int ROUNDS = Integer.getInteger("stampbox.benchmark.rounds", 3);
    private static final int[] WINDOWS = {32, 100};

    @TempDir
    Path dir;

    private int runs;

    @Test
    void drainAgainstPlainPaho() throws Exception {
        List<byte[]> payloads = new ArrayList<>(EVENTS);
        for (long seq = 1; seq <= EVENTS; seq++) {
            payloads.add(MemoryOutbox.scanPayload(seq));
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "MQTT 5, %d events of %d bytes, %d rounds, mosquitto %s, Java %s%n%n",
                EVENTS, payloads.get(0).length, ROUNDS, "2.0", System.getProperty("java.version")));
        table.append("| window | plain Paho mqttv5 (msg/s, median) | drain from memory (msg/s, median) | ratio "
                + "| drain from MapDbOutbox (msg/s, median) | ratio |\n|---|---|---|---|---|---|\n");
        // The broker's Receive Maximum (mosquitto: max_inflight_messages, 20 by default) caps both windows.
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).option("max_inflight_messages 1000").start()) {
            for (int window : WINDOWS) {
                List<Double> plain = new ArrayList<>();
                List<Double> drain = new ArrayList<>();
                List<Double> durable = new ArrayList<>();
                for (int round = 0; round < ROUNDS + 1; round++) {
                    double p = plainPaho(broker.url(), payloads, window);
                    MemoryOutbox memory = new MemoryOutbox();
                    memory.appendScans(payloads.size());
                    double d = drainer(broker.url(), memory, payloads.size(), window);
                    double m;
                    try (MapDbOutbox mapdb = FilledOutbox.open(dir.resolve("outbox-" + runs), payloads.size())) {
                        m = drainer(broker.url(), mapdb, payloads.size(), window);
                    }
                    if (round > 0) {       // round 0 warms up the JIT
                        plain.add(p);
                        drain.add(d);
                        durable.add(m);
                    }
                }
                double pm = median(plain);
                double dm = median(drain);
                double mm = median(durable);
                table.append(String.format(Locale.ROOT, "| %d | %.0f %s | %.0f %s | %.2f | %.0f %s | %.2f |%n",
                        window, pm, rounded(plain), dm, rounded(drain), dm / pm, mm, rounded(durable), mm / pm));
            }
        }
        System.out.println(table);
        write(table.toString());
    }

    /** Uplink and outbox memory: a million pending events in a MapDbOutbox drained by a child JVM with -Xmx48m. */
    @Test
    void drainAMillionUnderSmallHeap() throws Exception {
        int events = Integer.getInteger("stampbox.benchmark.memoryEvents", 1_000_000);
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start()) {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(javaBin, "-Xmx48m", "-cp", classpath,
                    DrainMemoryChild.class.getName(), broker.url(), String.valueOf(events), dir.resolve("memory-outbox").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile())
                    .start();
            if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0) {
                throw new IllegalStateException("memory child failed: " + Files.readString(dir.resolve("child.log")));
            }
            String done = Files.readAllLines(dir.resolve("child.log")).stream()
                    .filter(l -> l.startsWith("DONE")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no DONE line"));
            String[] parts = done.split(" ");
            String line = String.format(Locale.ROOT,
                    "%n-Xmx48m, %d pending events in a MapDbOutbox, window 64: drained at %s msg/s, max heap used %s MB%n",
                    events, parts[1], parts[2]);
            System.out.println(line);
            Files.writeString(Path.of("target", "uplink-benchmark.md"), line,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** A plain Paho mqttv5 QoS 1 publisher with the same window, counting only success reason codes. */
    private double plainPaho(String url, List<byte[]> payloads, int window) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, "bench-plain-" + runs++, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        Semaphore slots = new Semaphore(window);
        CountDownLatch acked = new CountDownLatch(payloads.size());
        MqttActionListener listener = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                if (token.getReasonCodes() != null && token.getReasonCodes()[0] >= 128) {
                    throw new IllegalStateException("refused: " + token.getReasonCodes()[0]);
                }
                slots.release();
                acked.countDown();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                throw new IllegalStateException("plain publish failed", failure);
            }
        };
        String topic = Units.ROOT + "/bench/scan";
        long start = System.nanoTime();
        for (byte[] payload : payloads) {
            slots.acquire();
            client.publish(topic, new MqttMessage(payload, 1, false, new MqttProperties()), null, listener);
        }
        if (!acked.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("plain Paho did not finish");
        }
        double rate = payloads.size() / ((System.nanoTime() - start) / 1e9);
        client.disconnect().waitForCompletion(5_000);
        client.close();
        return rate;
    }

    private double drainer(String url, Outbox outbox, int events, int window) {
        UnitConfig.Device device = new UnitConfig.Device("bench-drain-" + runs++, "store");
        PahoUplink uplink = new PahoUplink(device, Units.mqtt(url), Units.status(),
                Units.quick().withMaxInflight(window + 2 * UplinkOptions.PAHO_MARGIN + 4));
        uplink.start();
        Await.until("connected", Duration.ofSeconds(10), uplink::connected);
        Drainer drainer = new Drainer(outbox, uplink, new Metrics(), window, Ticker.SYSTEM);
        long start = System.nanoTime();
        drainer.start();
        Await.until("drained", Duration.ofMinutes(5), () -> outbox.depth() == 0);
        double rate = events / ((System.nanoTime() - start) / 1e9);
        drainer.close();
        uplink.stop();
        return rate;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }

    private static void write(String table) throws IOException {
        Path out = Path.of("target", "uplink-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }
}
