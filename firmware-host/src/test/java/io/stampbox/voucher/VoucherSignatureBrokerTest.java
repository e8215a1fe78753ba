package io.stampbox.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.stampbox.wire.RedeemAnswer;
import io.stampbox.wire.RedeemSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract 3.6's signed answers over a real mosquitto: with the backend's key configured, only an answer
 * signed by that key over this request's requestId, deviceId, voucherId and the outcome counts.
 */
@BrokerTest
@SlowTest
class VoucherSignatureBrokerTest {

    @TempDir
    Path dir;

    private MosquittoBroker broker;
    private PahoUplink uplink;
    private VoucherDesk desk;
    private FakeBackend backend;
    private final Metrics metrics = new Metrics();

    private void start(VoucherDesk.AnswerKey key) throws Exception {
        broker = MosquittoBroker.builder(dir).start();
        uplink = new PahoUplink(new UnitConfig.Device("sig-unit", "store-9"),
                new UnitConfig.Mqtt(broker.url(), "stampbox/v1", null, null, null),
                new StatusInfo("test", Instant.now(), () -> 0),
                UplinkOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                        .withConnectTimeout(Duration.ofSeconds(3)));
        desk = new VoucherDesk(uplink, metrics, key);
        desk.start();
        uplink.start();
        backend = new FakeBackend(broker.url(), "stampbox/v1/sig-unit");
        Await.until("connected", Await.TIMEOUT, uplink::connected);
    }

    @AfterEach
    void stop() throws Exception {
        if (desk == null) {
            return;
        }
        desk.close();
        uplink.stop();
        backend.close();
        broker.close();
    }

    private static KeyPair keys() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private CompletableFuture<Verdict> redeem(String voucherId, long timeoutMs) {
        return desk.redeem(new Redeemer.Request(voucherId, "VCH-" + voucherId, "sig-unit", "store-9",
                "2026-11-30T08:00:00.000Z", timeoutMs)).toCompletableFuture();
    }

    private static String signed(JsonNode request, String outcome, PrivateKey key, String voucherId) throws Exception {
        RedeemAnswer.Outcome o = RedeemAnswer.Outcome.of(outcome);
        String requestId = request.get("requestId").asText();
        return new String(new RedeemAnswer(requestId, o, "ok").signed(
                RedeemSignature.sign(key, requestId, "sig-unit", voucherId, o)).toJson(), StandardCharsets.UTF_8);
    }

    @Test
    void onlyAnAnswerSignedByTheBackendOverThisRequestCounts() throws Exception {
        KeyPair backendKey = keys();
        start(VoucherDesk.AnswerKey.of(backendKey.getPublic()));
        CompletableFuture<Verdict> pending = redeem("AB12CD", 5000);
        JsonNode request = backend.awaitRequest(1);
        backend.send(FakeBackend.answer(request, "accepted", "unsigned"));
        backend.send(signed(request, "accepted", keys().getPrivate(), "AB12CD")); // another key
        backend.send(signed(request, "accepted", backendKey.getPrivate(), "OTHER1")); // another voucher
        String flipped = signed(request, "refused", backendKey.getPrivate(), "AB12CD").replace("refused", "accepted");
        backend.send(flipped); // a refusal's signature on an acceptance
        backend.send(FakeBackend.answer(request, "accepted", "x").replace("}", ", \"signature\": \"%%%\"}"));
        Await.until("five answers ignored", Await.TIMEOUT, () -> metrics.get(Metrics.Tally.REDEEM_ANSWERS_UNSIGNED) == 5);
        backend.send(signed(request, "refused", backendKey.getPrivate(), "AB12CD"));
        assertEquals(Verdict.REFUSED, pending.get(10, TimeUnit.SECONDS), "the backend's own answer still wins");
    }

    @Test
    void withOnlyUnsignedAnswersTheVoucherEndsUnverified() throws Exception {
        start(VoucherDesk.AnswerKey.of(keys().getPublic()));
        backend.answerWith(r -> FakeBackend.answer(r, "accepted", "forged"));
        assertEquals(Verdict.UNVERIFIED, redeem("FORGE1", 600).get(10, TimeUnit.SECONDS));
        assertEquals(1, metrics.get(Metrics.Tally.REDEEM_ANSWERS_UNSIGNED));
        assertEquals(0, metrics.get(Metrics.Tally.REDEEM_ANSWERS_IGNORED));
    }

    @Test
    void anUnreadableKeyLetsNoAnswerCount() throws Exception {
        start(VoucherDesk.AnswerKey.unreadable("/etc/stampbox/redeem.pub: not a PEM PUBLIC KEY"));
        KeyPair any = keys();
        backend.answerWith(r -> {
            try {
                return signed(r, "accepted", any.getPrivate(), "NOKEY1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(Verdict.UNVERIFIED, redeem("NOKEY1", 600).get(10, TimeUnit.SECONDS));
    }

    @Test
    void theSignedBytesAreTheDocumentedLines() {
        byte[] bytes = RedeemSignature.signed("r-1", "till-1", "AB12CD", RedeemAnswer.Outcome.ACCEPTED);
        assertEquals("stampbox-redeem-v1\nr-1\ntill-1\nAB12CD\naccepted", new String(bytes, StandardCharsets.UTF_8));
        assertEquals(null, RedeemSignature.signed("r-1", "till-1", "AB\n12", RedeemAnswer.Outcome.ACCEPTED));
        assertEquals(88, Base64.getEncoder().encodeToString(new byte[64]).length());
    }
}
