package io.stampbox.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.UnitConfig;
import io.stampbox.counter.Redeemer;
import io.stampbox.counter.Redeemer.Verdict;
import io.stampbox.health.Metrics;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import io.stampbox.uplink.PahoUplink;
import io.stampbox.uplink.StatusInfo;
import io.stampbox.uplink.UplinkOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The voucher desk over a real PahoUplink and a real mosquitto, with a backend as a plain MQTT client. */
@BrokerTest
@SlowTest
class VoucherDeskBrokerTest {

    private static final String UNIT_TOPIC = "stampbox/v1/desk-unit";

    @TempDir
    Path dir;

    private MosquittoBroker broker;
    private PahoUplink uplink;
    private VoucherDesk desk;
    private FakeBackend backend;
    private final Metrics metrics = new Metrics();

    @BeforeEach
    void start() throws Exception {
        broker = MosquittoBroker.builder(dir).start();
        uplink = new PahoUplink(new UnitConfig.Device("desk-unit", "store-9"),
                new UnitConfig.Mqtt(broker.url(), "stampbox/v1", null, null, null),
                new StatusInfo("test", Instant.now(), () -> 0),
                UplinkOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                        .withConnectTimeout(Duration.ofSeconds(3)));
        desk = new VoucherDesk(uplink, metrics);
        desk.start();
        uplink.start();
        backend = new FakeBackend(broker.url(), UNIT_TOPIC);
        await("connected", uplink::connected);
    }

    @AfterEach
    void stop() throws Exception {
        desk.close();
        uplink.stop();
        backend.close();
        broker.close();
    }

    private static Redeemer.Request request(String voucherId, long timeoutMs) {
        return new Redeemer.Request(voucherId, "VCH-" + voucherId, "desk-unit", "store-9", "2026-11-25T12:00:00.000Z",
                timeoutMs);
    }

    private static Verdict verdict(CompletableFuture<Verdict> stage) throws Exception {
        return stage.get(10, TimeUnit.SECONDS);
    }

    private CompletableFuture<Verdict> redeem(String voucherId, long timeoutMs) {
        return desk.redeem(request(voucherId, timeoutMs)).toCompletableFuture();
    }

    @Test
    void anAcceptedVoucherCarriesEveryFieldOfTheRequest() throws Exception {
        backend.answerWith(r -> FakeBackend.answer(r, "accepted", "ok"));
        assertEquals(Verdict.ACCEPTED, verdict(redeem("AB12CD", 3000)));
        JsonNode sent = backend.awaitRequest(1);
        List<String> fields = new ArrayList<>();
        sent.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("requestId", "voucherId", "code", "deviceId", "storeId", "scannedAt"), fields);
        assertEquals(4, UUID.fromString(sent.get("requestId").asText()).version());
        assertEquals("AB12CD", sent.get("voucherId").asText());
        assertEquals("VCH-AB12CD", sent.get("code").asText());
        assertEquals("desk-unit", sent.get("deviceId").asText());
        assertEquals("store-9", sent.get("storeId").asText());
        assertEquals("2026-11-25T12:00:00.000Z", sent.get("scannedAt").asText());
    }

    @Test
    void aRefusalIsRefused() throws Exception {
        backend.answerWith(r -> FakeBackend.answer(r, "refused", "already used"));
        assertEquals(Verdict.REFUSED, verdict(redeem("AB12CD", 3000)));
    }

    @Test
    void noAnswerInTimeIsUnverifiedAfterTheTimeout() throws Exception {
        long started = System.nanoTime();
        assertEquals(Verdict.UNVERIFIED, verdict(redeem("AB12CD", 400)));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMs >= 400 && tookMs < 3000, "took " + tookMs + " ms");
        assertEquals(1, backend.requests.size(), "the request was sent");
    }

    @Test
    void aLateAnswerIsIgnoredAndCountedAndTheNextVoucherStillWorks() throws Exception {
        assertEquals(Verdict.UNVERIFIED, verdict(redeem("LATE1", 200)));
        backend.send(FakeBackend.answer(backend.awaitRequest(1), "accepted", "ok"));
        await("the late answer counted", () -> metrics.get(Metrics.Tally.REDEEM_ANSWERS_IGNORED) == 1);
        backend.answerWith(r -> FakeBackend.answer(r, "accepted", "ok"));
        assertEquals(Verdict.ACCEPTED, verdict(redeem("NEXT1", 3000)));
    }

    @Test
    void foreignAndMalformedAnswersAreIgnoredWhileTheRightOneWins() throws Exception {
        CompletableFuture<Verdict> pending = redeem("AB12CD", 5000);
        JsonNode request = backend.awaitRequest(1);
        backend.send("{\"requestId\": \"" + UUID.randomUUID() + "\", \"outcome\": \"accepted\"}");
        backend.send("not json");
        backend.send("{\"requestId\": \"" + request.get("requestId").asText() + "\", \"outcome\": \"maybe\"}");
        backend.send(FakeBackend.answer(request, "refused", "already used"));
        assertEquals(Verdict.REFUSED, verdict(pending));
        await("three ignored", () -> metrics.get(Metrics.Tally.REDEEM_ANSWERS_IGNORED) == 3);
        backend.send(FakeBackend.answer(request, "accepted", "twice"));
        await("a second answer ignored", () -> metrics.get(Metrics.Tally.REDEEM_ANSWERS_IGNORED) == 4);
        assertEquals(Verdict.REFUSED, verdict(pending));
    }

    @Test
    void withTheBrokerDownAVoucherIsUnverifiedAtOnce() throws Exception {
        broker.stop();
        await("disconnected", () -> !uplink.connected());
        long started = System.nanoTime();
        assertEquals(Verdict.UNVERIFIED, verdict(redeem("AB12CD", 3000)));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMs < 1000, "took " + tookMs + " ms; it should not wait for the timeout");
    }

    @Test
    void stoppingTheDeskResolvesWhatWaits() throws Exception {
        CompletableFuture<Verdict> pending = redeem("AB12CD", 30_000);
        backend.awaitRequest(1);
        desk.close();
        assertEquals(Verdict.UNVERIFIED, verdict(pending));
        assertEquals(Verdict.UNVERIFIED, verdict(redeem("AFTER1", 30_000)));
    }

    private static void await(String what, Await.Condition condition) {
        Await.until(what, Duration.ofSeconds(15), condition);
    }
}
