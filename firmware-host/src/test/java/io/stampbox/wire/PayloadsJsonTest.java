package io.stampbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The payload records of contract section 3 as bytes on the wire, field names and nulls spelled out
 * literally (a renamed component fails here), and back.
 */
class PayloadsJsonTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scanEvent() throws IOException {
        ScanEvent event = new ScanEvent(ScanEvent.SCHEMA, "0193a1b2-0000-7000-8000-000000000001", "till-1", "bakery-7", 1234,
                ScanEvent.KIND_STAMP, "0042", "CARD-0042", null, "2026-11-22T12:00:00.123Z", true, 7, null);
        assertEquals("{\"schema\":\"stampbox.scan.v1\",\"eventId\":\"0193a1b2-0000-7000-8000-000000000001\","
                + "\"deviceId\":\"till-1\",\"storeId\":\"bakery-7\",\"seq\":1234,\"kind\":\"stamp\",\"cardId\":\"0042\","
                + "\"code\":\"CARD-0042\",\"symbology\":null,\"scannedAt\":\"2026-11-22T12:00:00.123Z\","
                + "\"clockSynced\":true,\"configVersion\":7}", text(event.toJson()));
        assertEquals(event, ScanEvent.fromJson(event.toJson()));
        assertEquals("2026-11-22T12:00:00.123Z", ScanEvent.scannedAtOf(event.toJson()));
        assertEquals("x", ScanEvent.scannedAtOf(bytes("{\"nested\": {\"scannedAt\": \"no\"}, \"scannedAt\": \"x\"}")));
        assertNull(ScanEvent.scannedAtOf(bytes("{\"scannedAt\": 5}")));
        assertNull(ScanEvent.scannedAtOf(bytes("[\"scannedAt\"]")));
        assertNull(ScanEvent.scannedAtOf(bytes("not json")));
    }

    @Test
    void voidEventNamesTheStampItTakesBack() throws IOException {
        ScanEvent event = new ScanEvent(ScanEvent.SCHEMA, "0193a1b2-0000-7000-8000-000000000002", "till-1", "bakery-7", 1235,
                ScanEvent.KIND_VOID, "0042", null, null, "2026-11-22T12:00:05.000Z", true, 7,
                new ScanEvent.Voids("0193a1b2-0000-7000-8000-000000000001", 1234));
        assertEquals("{\"schema\":\"stampbox.scan.v1\",\"eventId\":\"0193a1b2-0000-7000-8000-000000000002\","
                + "\"deviceId\":\"till-1\",\"storeId\":\"bakery-7\",\"seq\":1235,\"kind\":\"void\",\"cardId\":\"0042\","
                + "\"code\":null,\"symbology\":null,\"scannedAt\":\"2026-11-22T12:00:05.000Z\","
                + "\"clockSynced\":true,\"configVersion\":7,"
                + "\"voids\":{\"eventId\":\"0193a1b2-0000-7000-8000-000000000001\",\"seq\":1234}}", text(event.toJson()));
        assertEquals(event, ScanEvent.fromJson(event.toJson()));
    }

    @Test
    void status() throws IOException {
        Instant booted = Instant.parse("2026-11-25T10:00:00Z");
        Status online = Status.online("0.1.0", booted, 7, "bakery-7", "none: permission denied on /dev/gpiochip0");
        assertEquals("{\"online\":true,\"version\":\"0.1.0\",\"bootedAt\":\"2026-11-25T10:00:00Z\",\"configVersion\":7,"
                + "\"storeId\":\"bakery-7\",\"signals\":\"none: permission denied on /dev/gpiochip0\"}",
                text(online.toJson()));
        Status offline = Status.offline("0.1.0", booted, 7, null, null, Status.CONNECTION_LOST);
        assertEquals("{\"online\":false,\"version\":\"0.1.0\",\"bootedAt\":\"2026-11-25T10:00:00Z\",\"configVersion\":7,"
                + "\"reason\":\"connection-lost\"}", text(offline.toJson()), "storeId left out when unknown");
        assertEquals("stopped", Status.STOPPED);
        assertEquals(online, Status.fromJson(online.toJson()));
        assertEquals(offline, Status.fromJson(offline.toJson()));
        Status partial = Status.fromJson(bytes("{\"online\": true, \"later\": {\"field\": 1}}"));
        assertEquals(new Status(true, null, null, null, null, null, null), partial, "unknown fields ignored, missing ones null");
        assertThrows(IOException.class, () -> Status.fromJson(bytes("not json")));
        assertThrows(IOException.class, () -> Status.fromJson(bytes("null")));
    }

    @Test
    void health() throws IOException {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("accepted", 1L);
        counters.put("published", 41L);
        Health health = new Health(3600L, 12L, 60L, true, "ok", List.of(List.of(8L, 11L)), counters, new Health.Latency(20.03, 31.5),
                "2026-11-25T10:50:00Z", 7L, "0.1.0", "crash", "gpio", null);
        assertEquals("{\"uptimeSeconds\":3600,\"outboxDepth\":12,\"oldestPendingSeconds\":60,\"scannerConnected\":true,"
                + "\"storage\":\"ok\",\"lostSeqs\":[[8,11]],\"counters\":{\"accepted\":1,\"published\":41},"
                + "\"signalLatencyMs\":{\"p50\":20.03,\"p99\":31.5},\"lastScanAt\":\"2026-11-25T10:50:00Z\","
                + "\"configVersion\":7,\"version\":\"0.1.0\",\"lastStop\":\"crash\",\"signals\":\"gpio\"}", text(health.toJson()));
        assertEquals(health, Health.fromJson(health.toJson()));

        Health early = new Health(0L, 0L, 0L, false, "ok", List.of(), Map.of(), new Health.Latency(0.0, 0.0), null, 0L, "0.1.0",
                null, null, null);
        assertTrue(text(early.toJson()).contains("\"lastScanAt\":null"), "nulls are written: " + text(early.toJson()));
        assertTrue(text(early.toJson()).contains("\"lastStop\":null"));
    }

    @Test
    void healthWithTheUplinkSection() throws IOException {
        Health.Uplink uplink = new Health.Uplink("5", "refused: not authorized on stampbox/v1/u/scan", 3L,
                java.util.List.of(), "server disconnected: session taken over", 0L, 16, 41L, 40L, 1L, "tcp://b:1883");
        Health health = new Health(1L, 1L, 0L, true, "ok", List.of(), Map.of(), new Health.Latency(0.0, 0.0), null, 0L,
                "0.1.0", null, null, uplink);
        String json = text(health.toJson());
        assertTrue(json.endsWith(",\"uplink\":{\"protocol\":\"5\",\"problem\":\"refused: not authorized on "
                + "stampbox/v1/u/scan\",\"publishesRefused\":3,\"subscriptionsRefused\":[],\"lastDisconnect\":"
                + "\"server disconnected: session taken over\",\"oversizeDropped\":0,\"window\":16,"
                + "\"brokerAckedThrough\":41,\"backendAckedThrough\":40,\"backendAcksIgnored\":1,"
                + "\"broker\":\"tcp://b:1883\"}}"), json);
        assertEquals(health, Health.fromJson(health.toJson()));
    }

    @Test
    void configReport() throws IOException {
        ConfigReport applied = new ConfigReport(9L, "2026-11-25T10:00:00Z", "ab12", new ConfigReport.Layers(3L, 9L), null);
        assertEquals("{\"version\":9,\"appliedAt\":\"2026-11-25T10:00:00Z\",\"hash\":\"ab12\","
                + "\"layers\":{\"fleet\":3,\"unit\":9}}", text(applied.toJson()));
        ConfigReport rejected = applied.withRejected(
                new ConfigReport.Rejected(null, "unit", List.of("scanner.baud: must be one of 1200..921600")));
        assertEquals("{\"version\":9,\"appliedAt\":\"2026-11-25T10:00:00Z\",\"hash\":\"ab12\","
                + "\"layers\":{\"fleet\":3,\"unit\":9},"
                + "\"rejected\":{\"version\":null,\"scope\":\"unit\",\"errors\":[\"scanner.baud: must be one of 1200..921600\"]}}",
                text(rejected.toJson()));
        assertEquals(rejected, ConfigReport.fromJson(rejected.toJson()));
        assertEquals(rejected, ConfigReport.fromTree(rejected.toTree()));
    }

    @Test
    void commandRequest() throws IOException {
        ObjectNode args = PLAIN.createObjectNode().put("waitMs", 100);
        CommandRequest request = CommandRequest.of("c1", args);
        assertEquals("{\"id\":\"c1\",\"args\":{\"waitMs\":100}}", text(request.toJson()));
        assertEquals(request, CommandRequest.parse(request.toJson()));
        assertEquals(PLAIN.createObjectNode(), CommandRequest.parse(bytes("{\"id\": \"c2\"}")).args(), "no args: {}");

        IOException notJson = assertThrows(IOException.class, () -> CommandRequest.parse(bytes("not json")));
        assertEquals("malformed request: not valid JSON", notJson.getMessage());
        for (String noId : List.of("{\"args\": {}}", "{\"id\": 5}", "{\"id\": \"\"}", "[]", "null",
                "{\"id\": \"a b\"}", "{\"id\": \"\\u001b[2J\"}", "{\"id\": \"" + "i".repeat(129) + "\"}")) {
            IOException e = assertThrows(IOException.class, () -> CommandRequest.parse(bytes(noId)), noId);
            assertEquals("malformed request: \"id\" (a non-empty string of at most 128 printable ASCII characters)"
                    + " is required", e.getMessage());
        }
        CommandRequest expiring = request.expiringAt(java.time.Instant.parse("2026-11-30T09:00:00Z"));
        assertEquals("{\"id\":\"c1\",\"args\":{\"waitMs\":100},\"expiresAt\":\"2026-11-30T09:00:00Z\"}",
                text(expiring.toJson()));
        assertEquals(expiring, CommandRequest.parse(expiring.toJson()));
        for (String bad : List.of("{\"id\": \"c\", \"expiresAt\": \"soon\"}", "{\"id\": \"c\", \"expiresAt\": 5}")) {
            IOException e = assertThrows(IOException.class, () -> CommandRequest.parse(bytes(bad)), bad);
            assertEquals(CommandRequest.MALFORMED_EXPIRY, e.getMessage());
        }
        assertEquals(CommandRequest.MALFORMED_ARGS, assertThrows(IOException.class,
                () -> CommandRequest.parse(bytes("{\"id\": \"c\", \"args\": [1]}"))).getMessage());
    }

    @Test
    void commandResult() throws IOException {
        CommandResult done = CommandResult.done("flush", "c3", PLAIN.createObjectNode().put("left", 0));
        assertEquals("{\"name\":\"flush\",\"id\":\"c3\",\"ok\":true,\"result\":{\"left\":0}}", text(done.toJson()));
        CommandResult failed = CommandResult.failed("identify", null, "malformed request: not valid JSON");
        assertEquals("{\"name\":\"identify\",\"id\":null,\"ok\":false,\"error\":\"malformed request: not valid JSON\"}",
                text(failed.toJson()));
        assertEquals(done, CommandResult.fromJson(done.toJson()));
        assertEquals(failed, CommandResult.fromJson(failed.toJson()));
        assertTrue(done.succeeded());
        assertTrue(!failed.succeeded());
    }

    @Test
    void redeemRequest() {
        RedeemRequest request = new RedeemRequest("r-1", "V1", "VCH-V1", "till-1", "bakery-7", "2026-11-25T12:00:00.000Z");
        assertEquals("{\"requestId\":\"r-1\",\"voucherId\":\"V1\",\"code\":\"VCH-V1\",\"deviceId\":\"till-1\","
                + "\"storeId\":\"bakery-7\",\"scannedAt\":\"2026-11-25T12:00:00.000Z\"}", text(request.toJson()));
        assertEquals(request, RedeemRequest.parse(request.toJson()));
        assertEquals(new RedeemRequest("r-2", "V2", null, null, null, null),
                RedeemRequest.parse(bytes("{\"requestId\": \"r-2\", \"voucherId\": \"V2\", \"code\": 7}")));
        assertNull(RedeemRequest.parse(bytes("not json")));
        assertNull(RedeemRequest.parse(bytes("{\"requestId\": \"r-3\"}")), "no voucherId");
        assertNull(RedeemRequest.parse(bytes("{\"requestId\": 3, \"voucherId\": \"V3\"}")), "requestId not a string");
    }

    @Test
    void redeemAnswer() {
        RedeemAnswer accepted = new RedeemAnswer("r-1", RedeemAnswer.Outcome.ACCEPTED, "redeemed");
        assertEquals("{\"requestId\":\"r-1\",\"outcome\":\"accepted\",\"reason\":\"redeemed\"}", text(accepted.toJson()));
        assertEquals(accepted, RedeemAnswer.parse(accepted.toJson()));
        assertEquals(new RedeemAnswer("r-2", RedeemAnswer.Outcome.REFUSED, null),
                RedeemAnswer.parse(bytes("{\"requestId\": \"r-2\", \"outcome\": \"refused\", \"reason\": 5}")));
        assertNull(RedeemAnswer.parse(bytes("{\"requestId\": \"r-3\", \"outcome\": \"ACCEPTED\"}")), "exact words only");
        assertNull(RedeemAnswer.parse(bytes("{\"outcome\": \"accepted\"}")));
        assertNull(RedeemAnswer.parse(bytes("[1]")));
        assertNull(RedeemAnswer.parse(bytes("{")));
    }
}
