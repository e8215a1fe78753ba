package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import io.stampbox.uplink.PahoUplink;
import io.stampbox.uplink.StatusInfo;
import io.stampbox.uplink.UplinkOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a timed test: a benchmark, run on demand (see docs/fleet.md):
 *
 * <pre>mvn -q -B -pl firmware-host test -Dtest=FleetFanOutBenchmark -Dstampbox.benchmark=true</pre>
 *
 * N simulated units (default 200) in one JVM, each the real {@link FleetAgent} on its own real
 * {@link PahoUplink} and its own storage dir (applied.json fsynced), with no scanner or LEDs, against
 * one local mosquitto. Measures the time from publishing a desired document until every unit reported
 * it, and the CPU time mosquitto spent meanwhile (from /proc). Results go to target/fleet-benchmark.md.
 */
@EnabledIfSystemProperty(named = "stampbox.benchmark", matches = "true")
@BrokerTest
@SlowTest
class FleetFanOutBenchmark {

    private static final int UNITS = Integer.getInteger("stampbox.benchmark.units", 200);
    private static final int ROUNDS = Integer.getInteger("stampbox.benchmark.rounds", 3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TICKS = 100; // USER_HZ

    @TempDir
    Path dir;

    private final Map<String, Long> reported = new ConcurrentHashMap<>();

    @Test
    void fanOut() throws Exception {
        List<String> lines = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start()) {
            long pid = mosquittoPid(broker.port());
            MqttClient admin = admin(broker.url());
            List<Runnable> stops = new ArrayList<>();
            long bootStart = System.nanoTime();
            for (int i = 0; i < UNITS; i++) {
                stops.add(unit(broker.url(), "sim-%04d".formatted(i)));
            }
            awaitAll(0, 120);
            lines.add("| %d units connected and reported their boot configuration | %.1f s | |".formatted(UNITS,
                    (System.nanoTime() - bootStart) / 1e9));
            long version = 1;
            for (int round = 1; round <= ROUNDS; round++, version++) {
                lines.add(measure(admin, pid, "fleet document (one retained publish)", version, () ->
                        List.of("stampbox/v1/_fleet/config/desired")));
            }
            long unitVersion = version;
            lines.add(measure(admin, pid, "one document per unit (" + UNITS + " retained publishes)", unitVersion, () -> {
                List<String> topics = new ArrayList<>();
                for (int i = 0; i < UNITS; i++) {
                    topics.add("stampbox/v1/sim-%04d/config/desired".formatted(i));
                }
                return topics;
            }));
            for (Runnable stop : stops) {
                stop.run();
            }
            admin.disconnect();
            admin.close();
        }
        String table = "| what | all reported after | mosquitto CPU (user+sys) |\n|---|---|---|\n" + String.join("\n", lines) + "\n";
        System.out.println(table);
        Path out = Path.of("target", "fleet-benchmark.md");
        Files.writeString(out, "Fleet fan-out, " + UNITS + " units, " + Runtime.getRuntime().availableProcessors()
                + " cores, " + Instant.now() + "\n\n" + table, StandardCharsets.UTF_8);
    }

    private interface Topics {
        List<String> get();
    }

    private String measure(MqttClient admin, long pid, String what, long version, Topics topics) throws Exception {
        long cpu0 = cpuTicks(pid);
        long t0 = System.nanoTime();
        byte[] doc = ("{\"version\": " + version + ", \"codes\": {\"cooldownSeconds\": " + version + "}}")
                .getBytes(StandardCharsets.UTF_8);
        for (String topic : topics.get()) {
            admin.publish(topic, doc, 1, true);
        }
        awaitAll(version, 120);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuTicks(pid) - cpu0;
        return "| %s, version %d | %.2f s | %d ms |".formatted(what, version, seconds, cpu * 1000 / TICKS);
    }

    private void awaitAll(long version, int timeoutSeconds) {
        Await.until(UNITS + " units to report version " + version, Duration.ofSeconds(timeoutSeconds),
                () -> reported.values().stream().filter(v -> v >= version).count() >= UNITS,
                () -> "only " + reported.values().stream().filter(v -> v >= version).count() + " did");
    }

    private MqttClient admin(String url) throws Exception {
        MqttClient admin = new MqttClient(url, "bench-admin", new MemoryPersistence());
        admin.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) throws IOException {
                JsonNode report = JSON.readTree(message.getPayload());
                String unit = topic.split("/")[2];
                reported.merge(unit, report.path("version").asLong(), Math::max);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        org.eclipse.paho.client.mqttv3.MqttConnectOptions options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        options.setMaxInflight(UNITS + 16); // the per-unit round publishes one document a unit back to back
        admin.connect(options);
        admin.subscribe("stampbox/v1/+/config/reported", 1);
        return admin;
    }

    private Runnable unit(String url, String id) throws Exception {
        Path storage = dir.resolve(id);
        Files.createDirectories(storage);
        Map<String, JsonNode> file = ConfigLoader.flatten("""
                {"device": {"id": "%s", "store": "s"}, "scanner": {"type": "stdin"}, "storage": {"dir": "%s"},
                 "codes": {"cardPattern": "^C(?<card>.+)$"}, "mqtt": {"url": "%s"}, "feedback": {"platform": "none"}}
                """.formatted(id, storage, url));
        UnitConfig local = ConfigLoader.fromLayers(file, Map.of(), Map.of(), 0);
        FleetStart start = FleetStart.boot(file, local);
        AtomicReference<UnitConfig> config = new AtomicReference<>(start.config());
        PahoUplink uplink = new PahoUplink(local.device(), local.mqtt(),
                new StatusInfo("bench", Instant.now(), () -> config.get().version()), UplinkOptions.defaults());
        InertUnit inert = new InertUnit(storage);
        FleetAgent agent = new FleetAgent(start, config, inert, inert, Clock.systemUTC());
        agent.attach(uplink);
        uplink.start();
        agent.start();
        return () -> {
            agent.close();
            uplink.stop();
        };
    }

    private static long mosquittoPid(int port) throws IOException {
        String conf = "mosquitto-" + port + ".conf";
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.startsWith("mosquitto") && cmdline.contains(conf)) {
                        return Long.parseLong(p.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        throw new IllegalStateException("no mosquitto process with " + conf);
    }

    /** utime + stime of the process, in clock ticks (/proc/PID/stat fields 14 and 15). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
