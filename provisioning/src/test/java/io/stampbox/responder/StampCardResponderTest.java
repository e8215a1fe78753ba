package io.stampbox.responder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.SlowTest;
import io.stampbox.wire.ScanResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The responder's stamp-card mode against the mosquitto on 127.0.0.1:1883, under a topic root of its own. */
@BrokerTest
@SlowTest
class StampCardResponderTest {

    private static final String URL = "tcp://127.0.0.1:1883";

    @TempDir
    Path dir;

    private final String root = "stampcard-test-" + System.nanoTime() + "/v1";
    private final LinkedBlockingQueue<ScanResult> results = new LinkedBlockingQueue<>();

    @Test
    void everySecondStampOfACardIsARewardAndAVoidTakesOneBack() throws Exception {
        assumeTrue(brokerListening(), "no mosquitto on 127.0.0.1:1883");
        Files.writeString(dir.resolve("vouchers.txt"), "GOOD0001\n");
        StringWriter printed = new StringWriter();
        try (Responder responder = new Responder(new Responder.Settings(URL, root, "responder-" + System.nanoTime(), null,
                null), VoucherBook.load(dir.resolve("vouchers.txt")), new StampCards(2, "Free coffee"),
                new PrintWriter(printed, true), null)) {
            responder.start();
            Await.until("stamp-card mode", Await.TIMEOUT, () -> printed.toString().contains("stamp-card mode"),
                    printed::toString);
            MqttClient unit = new MqttClient(URL, "unit-" + System.nanoTime(), new MemoryPersistence());
            unit.connect();
            unit.subscribe(root + "/till-1/scan/result", 1, (topic, message) -> results.add(ScanResult.parse(message.getPayload())));
            assertEquals("none", publish(unit, "stamp", 1, null).reward());
            publish(unit, "void", 2, "{\"eventId\": \"019a0000-0000-7000-8000-000000000001\", \"seq\": 1}");
            assertNull(results.poll(300, TimeUnit.MILLISECONDS), "a void gets no answer");
            assertEquals("none", publish(unit, "stamp", 3, null).reward(), "the void took stamp 1 back");
            ScanResult due = publish(unit, "stamp", 4, null);
            assertEquals(new ScanResult("019a0000-0000-7000-8000-000000000004", 2, 2, "due", "Free coffee"), due);
            unit.disconnect();
            unit.close();
        }
    }

    private ScanResult publish(MqttClient unit, String kind, int seq, String voids) throws Exception {
        String event = "{\"schema\": \"stampbox.scan.v1\", \"eventId\": \"019a0000-0000-7000-8000-%012d\", \"deviceId\": \"till-1\","
                .formatted(seq) + " \"seq\": " + seq + ", \"kind\": \"" + kind + "\", \"cardId\": \"0042\""
                + (voids == null ? "" : ", \"voids\": " + voids) + "}";
        unit.publish(root + "/till-1/scan", event.getBytes(StandardCharsets.UTF_8), 1, false);
        return "void".equals(kind) ? null : results.poll(10, TimeUnit.SECONDS);
    }

    private static boolean brokerListening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 1883), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
