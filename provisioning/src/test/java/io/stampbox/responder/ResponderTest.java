package io.stampbox.responder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.SlowTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference responder against the mosquitto on 127.0.0.1:1883, under a topic root of its own. */
@BrokerTest
@SlowTest
class ResponderTest {

    private static final String URL = "tcp://127.0.0.1:1883";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final String root = "responder-test-" + System.nanoTime() + "/v1";
    private final StringWriter printed = new StringWriter();
    private final LinkedBlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    private Responder responder;
    private MqttClient unit;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(brokerListening(), "no mosquitto on 127.0.0.1:1883");
        Files.writeString(dir.resolve("vouchers.txt"), "# demo vouchers\nGOOD0001\nGOOD0002  # second\n\n");
        responder = new Responder(new Responder.Settings(URL, root, "responder-" + System.nanoTime(), null, null),
                VoucherBook.load(dir.resolve("vouchers.txt")), new PrintWriter(printed, true));
        responder.start();
        Await.until("the responder to answer redemptions", Await.TIMEOUT,
                () -> printed.toString().contains("answering redemptions"), printed::toString);
        unit = new MqttClient(URL, "unit-" + System.nanoTime(), new MemoryPersistence());
        unit.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                answers.add(JSON.readTree(message.getPayload()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        unit.connect(new MqttConnectOptions());
        unit.subscribe(root + "/till-1/redeem/response", 1);
    }

    @AfterEach
    void stop() throws Exception {
        if (unit != null) {
            unit.disconnect();
            unit.close();
        }
        if (responder != null) {
            responder.close();
        }
    }

    private JsonNode redeem(String requestId, String voucherId) throws Exception {
        String request = """
                {"requestId": "%s", "voucherId": "%s", "code": "VCH-%s", "deviceId": "till-1",
                 "storeId": "bakery-7", "scannedAt": "2026-11-25T12:00:00.000Z"}""".formatted(requestId, voucherId, voucherId);
        unit.publish(root + "/till-1/redeem/request", request.getBytes(StandardCharsets.UTF_8), 1, false);
        JsonNode answer = answers.poll(10, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("no answer; responder said: " + printed);
        }
        return answer;
    }

    @Test
    void withASigningKeyEveryAnswerIsSignedOverTheDocumentedBytes() throws Exception {
        java.security.KeyPair keys = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path keyFile = dir.resolve("redeem.key");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        responder.close();
        printed.getBuffer().setLength(0);
        responder = new Responder(new Responder.Settings(URL, root, "responder-" + System.nanoTime(), null, null),
                VoucherBook.load(dir.resolve("vouchers.txt")), null, new PrintWriter(printed, true),
                io.stampbox.wire.PemFiles.privateKey(keyFile, "--signing-key", "Ed25519"));
        responder.start();
        Await.until("the signing responder", Await.TIMEOUT,
                () -> printed.toString().contains("answering redemptions"), printed::toString);
        for (String outcome : new String[] {"accepted", "refused"}) {
            JsonNode answer = redeem("s-" + outcome, "GOOD0001");
            assertEquals(outcome, answer.get("outcome").asText());
            io.stampbox.wire.RedeemAnswer.Outcome o = io.stampbox.wire.RedeemAnswer.Outcome.of(outcome);
            String signature = answer.get("signature").asText();
            assertTrue(io.stampbox.wire.RedeemSignature.verify(keys.getPublic(), signature, "s-" + outcome, "till-1",
                    "GOOD0001", o), answer.toString());
            assertFalse(io.stampbox.wire.RedeemSignature.verify(keys.getPublic(), signature, "s-" + outcome, "till-2",
                    "GOOD0001", o), "bound to the unit");
        }
    }

    @Test
    void eachVoucherIsRedeemableOnce() throws Exception {
        JsonNode first = redeem("r-1", "GOOD0001");
        assertEquals("r-1", first.get("requestId").asText());
        assertEquals("accepted", first.get("outcome").asText());
        JsonNode second = redeem("r-2", "GOOD0001");
        assertEquals("r-2", second.get("requestId").asText());
        assertEquals("refused", second.get("outcome").asText());
        assertEquals("already used", second.get("reason").asText());
        assertEquals("accepted", redeem("r-3", "GOOD0002").get("outcome").asText());
        assertFalse(printed.toString().contains("GOOD0001"), "a voucher in full: " + printed);
        assertTrue(printed.toString().contains("accepted GO…01 for till-1"), printed.toString());
    }

    @Test
    void anUnknownVoucherIsRefusedAndAMalformedRequestIgnored() throws Exception {
        unit.publish(root + "/till-1/redeem/request", "not json".getBytes(StandardCharsets.UTF_8), 1, false);
        JsonNode answer = redeem("r-9", "NOPE0001");
        assertEquals("r-9", answer.get("requestId").asText());
        assertEquals("refused", answer.get("outcome").asText());
        assertEquals("unknown voucher", answer.get("reason").asText());
        assertTrue(printed.toString().contains("ignored a malformed request"), printed.toString());
        assertEquals(null, answers.poll(200, TimeUnit.MILLISECONDS), "an answer to the malformed request");
    }

    @Test
    void aBadListLineIsNamedAndTheCommandExitsTwo() throws Exception {
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "GOOD0001\nnot a voucher\n");
        StringWriter err = new StringWriter();
        picocli.CommandLine line = Main.commandLine();
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute("--url", URL, "--vouchers", bad.toString());
        assertEquals(2, exit);
        assertTrue(err.toString().contains(bad + " line 2: a voucher id is"), err.toString());
    }

    private static boolean brokerListening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 1883), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

}
