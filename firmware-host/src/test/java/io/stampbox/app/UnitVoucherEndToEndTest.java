package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import io.stampbox.voucher.FakeBackend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vouchers at the whole unit: console signals, a real mosquitto, the backend as a plain MQTT client. */
@ProcessTest
@BrokerTest
@SlowTest
class UnitVoucherEndToEndTest {

    private static final String UNIT_TOPIC = "stampbox/v1/e2e-unit";

    @TempDir
    Path dir;

    private Path config(String url) throws Exception {
        return UnitConfigs.write(dir, "{\"type\": \"stdin\"}", "\"mqtt\": {\"url\": \"" + url + "\"}");
    }

    @Test
    void theBackendsWordGivesAcceptedOrRefused() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                FakeBackend backend = new FakeBackend(broker.url(), UNIT_TOPIC);
                UnitProcess unit = UnitProcess.start(config(broker.url()), dir)) {
            backend.answerWith(r -> r.get("voucherId").asText().equals("USED0001")
                    ? FakeBackend.answer(r, "refused", "already used")
                    : FakeBackend.answer(r, "accepted", "enjoy"));
            unit.awaitReady();
            awaitConnected(unit);
            unit.type("VCH-GOOD0001");
            assertEquals("SIGNAL voucher-accepted", unit.awaitSignal());
            unit.type("VCH-USED0001");
            assertEquals("SIGNAL voucher-refused", unit.awaitSignal());
            assertFalse(unit.stderr().contains("GOOD0001"), "a voucher code in the log: " + unit.stderr());
        }
    }

    @Test
    void stampsAreAcceptedWhileARedemptionWaitsWhichEndsUnverifiedAndALateAnswerChangesNothing() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                FakeBackend backend = new FakeBackend(broker.url(), UNIT_TOPIC);
                UnitProcess unit = UnitProcess.start(config(broker.url()), dir)) {
            unit.awaitReady();
            awaitConnected(unit);
            long started = System.nanoTime();
            unit.type("VCH-SLOW0001");
            backend.awaitRequest(1);
            for (int i = 0; i < 3; i++) {
                unit.type("CARD-00000" + i);
                assertTrue(unit.awaitSignal().startsWith("SIGNAL accepted"), unit.seen().toString());
            }
            assertEquals("SIGNAL voucher-unverified", unit.awaitSignal());
            long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(tookMs >= 3000, "unverified after " + tookMs + " ms, before the 3000 ms default timeout");
            backend.send(FakeBackend.answer(backend.requests.get(0), "accepted", "too late"));
            unit.type("CARD-000009");
            assertTrue(unit.awaitSignal().startsWith("SIGNAL accepted"));
            assertEquals(null, unit.poll(Duration.ofMillis(300)), "no signal for the late answer");
        }
    }

    @Test
    void withoutABrokerAVoucherIsUnverifiedAtOnce() throws Exception {
        try (UnitProcess unit = UnitProcess.start(config("tcp://127.0.0.1:" + MosquittoBroker.freePort()), dir)) {
            unit.awaitReady();
            long started = System.nanoTime();
            unit.type("VCH-NOLINK01");
            assertEquals("SIGNAL voucher-unverified", unit.awaitSignal());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2500, "waited for the timeout");
        }
    }

    /** The unit logs its connect on stderr; requests before it would be unverified. */
    private static void awaitConnected(UnitProcess unit) {
        Await.until("the unit to connect", Duration.ofSeconds(20), () -> unit.stderr().contains("uplink: connected"),
                unit::stderr);
    }
}
