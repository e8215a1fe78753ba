package io.stampbox.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.CloudSubscriber;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status seen by the cloud when the unit's process dies (SIGKILL: the will) or is told to stop (SIGTERM). */
@BrokerTest
@ProcessTest
@SlowTest
class PahoUplinkProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sigkillLeavesTheLastWillAsRetainedStatus() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", Units.topic("status"), false)) {
            Process unit = startChild(broker);
            Await.until("birth", WAIT, () -> cloud.count() == 1);

            unit.destroyForcibly();
            assertTrue(unit.waitFor(10, TimeUnit.SECONDS));

            Await.until("the last will", WAIT, () -> cloud.count() == 2);
            JsonNode will = JSON.readTree(cloud.received().get(1).payload());
            assertFalse(will.get("online").asBoolean());
            assertEquals("connection-lost", will.get("reason").asText());
            assertFalse(retained(broker).get("online").asBoolean());
        }
    }

    @Test
    void sigtermPublishesTheOfflineStatusAndExits() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", Units.topic("status"), false)) {
            Process unit = startChild(broker);
            Await.until("birth", WAIT, () -> cloud.count() == 1);
            assertTrue(JSON.readTree(cloud.received().get(0).payload()).get("online").asBoolean());

            unit.destroy();
            assertTrue(unit.waitFor(15, TimeUnit.SECONDS), "the unit exits after SIGTERM");

            Await.until("offline status", WAIT, () -> cloud.count() == 2);
            JsonNode offline = JSON.readTree(cloud.received().get(1).payload());
            assertFalse(offline.get("online").asBoolean());
            assertEquals("stopped", offline.get("reason").asText());
            assertEquals("stopped", retained(broker).get("reason").asText());
        }
    }

    private static JsonNode retained(MosquittoBroker broker) throws Exception {
        try (CloudSubscriber late = new CloudSubscriber(broker.url(), "late", Units.topic("status"), false)) {
            Await.until("retained status", WAIT, () -> late.count() == 1);
            return JSON.readTree(late.received().get(0).payload());
        }
    }

    private static Process startChild(MosquittoBroker broker) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process unit = new ProcessBuilder(java, "-Xmx64m", "-cp", classpath, UplinkChild.class.getName(), broker.url())
                .redirectErrorStream(true)
                .start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(unit.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the child is gone
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        Await.until("the child connected", WAIT, () -> lines.contains("CONNECTED"), () -> String.join("\n", List.copyOf(lines)));
        return unit;
    }
}
