package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.CloudSubscriber;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's case for {@code uplink.ack: backend}: a backend that takes the scans but never acknowledges
 * them. The broker's PUBACK frees nothing: the outbox fills to {@code storage.maxEvents} and the next scan
 * is a {@code fault} (nothing promised), while every accepted scan stays kept. When the backend finally
 * acknowledges, the room comes back and scanning goes on with the next seq.
 */
@ProcessTest
@BrokerTest
@SlowTest
class BackendNeverAcksEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anOutboxThatIsNeverAcknowledgedFillsThenFaultsThenRecoversOnTheAck() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                FleetCloud cloud = new FleetCloud(broker.url(), "e2e-unit");
                CloudSubscriber scans = new CloudSubscriber(broker.url(), "backend", "stampbox/v1/e2e-unit/scan", false);
                UnitProcess unit = UnitProcess.start(withMaxEvents(UnitConfigs.write(dir, "{\"type\": \"stdin\"}",
                        "\"mqtt\": {\"url\": \"" + broker.url() + "\"}, \"uplink\": {\"ack\": \"backend\"}"), 5), dir)) {
            unit.awaitReady();
            for (int i = 1; i <= 5; i++) {
                assertTrue(scan(unit, "CARD-FILL" + i).startsWith("SIGNAL accepted"), "room for " + i);
            }
            Await.until("the 5 scans at the backend", Duration.ofSeconds(20), () -> scans.count() >= 5);

            String full = scan(unit, "CARD-FULL1");
            assertEquals("SIGNAL fault", full.strip(), "published but never acknowledged: the outbox is full");
            Await.until("the status light says so", Duration.ofSeconds(10),
                    () -> unit.stderr().contains("status light: STORAGE_FAULT"), unit::stderr);

            cloud.publish("e2e-unit/scan/ack", "{\"throughSeq\": 5}", false);
            Await.until("room again after the ack", Duration.ofSeconds(20),
                    () -> scan(unit, "CARD-AFTER" + System.nanoTime() % 10_000).startsWith("SIGNAL accepted"),
                    unit::stderr);
            Await.until("the next scan at the backend", Duration.ofSeconds(20), () -> scans.count() >= 6);
            List<Long> seqs = new ArrayList<>();
            for (CloudSubscriber.Received r : scans.received()) {
                seqs.add(JSON.readTree(r.text()).path("seq").asLong());
            }
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs.stream().distinct().toList(),
                    "the fault took no seq; the acknowledged ones are not resent as new");
        }
    }

    private static Path withMaxEvents(Path config, long maxEvents) throws java.io.IOException {
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(config.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("storage")).put("maxEvents", maxEvents);
        JSON.writeValue(config.toFile(), root);
        return config;
    }

    private static String scan(UnitProcess unit, String code) throws Exception {
        unit.type(code);
        return unit.awaitSignal();
    }
}
