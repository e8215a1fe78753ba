package io.stampbox.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.health.Metrics;
import io.stampbox.outbox.SeqRange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthPayloadTest {

    @Test
    void carriesEveryFieldOfContractSection33() throws Exception {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        Clock clock = Clock.fixed(start.plusSeconds(3600), ZoneOffset.UTC);
        Metrics metrics = new Metrics();
        metrics.count(Metrics.Tally.ACCEPTED);
        metrics.add(Metrics.Tally.PUBLISHED, 41);
        metrics.signalLatencyNanos(20_000_000);
        metrics.scanned(start.plusSeconds(3000));
        HealthSources sources = new HealthSources(metrics, start, () -> 12, () -> start.plusSeconds(3540),
                () -> true, () -> 7, "0.1.0", () -> "crash", () -> "recovered", clock,
                () -> List.of(new SeqRange(6, 10), new SeqRange(42, 42)), () -> null,
                () -> "none: permission denied on /dev/gpiochip0");

        JsonNode json = new ObjectMapper().readTree(HealthPayload.bytes(sources));

        assertEquals(3600, json.get("uptimeSeconds").asLong());
        assertEquals(12, json.get("outboxDepth").asLong());
        assertEquals(60, json.get("oldestPendingSeconds").asLong());
        assertTrue(json.get("scannerConnected").asBoolean());
        assertEquals("recovered", json.get("storage").asText());
        assertEquals("[[6,10],[42,42]]", json.get("lostSeqs").toString());
        for (String counter : List.of("accepted", "repeat", "cooldown", "rejected", "published",
                "vouchersAccepted", "vouchersRefused", "vouchersUnverified", "fault")) {
            assertTrue(json.get("counters").has(counter), counter);
        }
        assertEquals(1, json.get("counters").get("accepted").asLong());
        assertEquals(41, json.get("counters").get("published").asLong());
        double p50 = json.get("signalLatencyMs").get("p50").asDouble();
        assertTrue(p50 >= 20 && p50 < 21.5, "p50 " + p50);
        assertTrue(json.get("signalLatencyMs").has("p99"));
        assertEquals("2026-11-25T10:50:00Z", json.get("lastScanAt").asText());
        assertEquals(7, json.get("configVersion").asLong());
        assertEquals("0.1.0", json.get("version").asText());
        assertEquals("crash", json.get("lastStop").asText());
        assertEquals("none: permission denied on /dev/gpiochip0", json.get("signals").asText());
    }

    @Test
    void nothingPendingAndNoScanYet() throws Exception {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        HealthSources sources = new HealthSources(new Metrics(), start, () -> 0, () -> null,
                () -> false, () -> 0, "0.1.0", () -> "unknown", () -> "ok", Clock.fixed(start, ZoneOffset.UTC));

        JsonNode json = new ObjectMapper().readTree(HealthPayload.bytes(sources));

        assertEquals(0, json.get("oldestPendingSeconds").asLong());
        assertTrue(json.get("lastScanAt").isNull());
        assertEquals("[]", json.get("lostSeqs").toString(), "always there, empty when nothing was lost");
        assertEquals(0.0, json.get("signalLatencyMs").get("p99").asDouble());
        assertFalse(json.has("signals"), "left out when unknown");
    }
}
