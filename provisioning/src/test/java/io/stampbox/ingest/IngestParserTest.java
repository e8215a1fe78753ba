package io.stampbox.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestParserTest {

    private static final String ROOT = "stampbox/v1";
    private final EventParser parser = new EventParser(ROOT, 4096);

    private Inbound scan(String device, String json) {
        return parser.parse(ROOT + "/" + device + "/scan", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String event(String overrides) {
        String base = new String(SimulatedUnit.stamp("unit-1", 5), StandardCharsets.UTF_8);
        return overrides.isEmpty() ? base : base.substring(0, base.length() - 1) + "," + overrides + "}";
    }

    private Inbound.Rejected rejected(String device, String json) {
        return assertInstanceOf(Inbound.Rejected.class, scan(device, json));
    }

    @Test
    void aScanEventOfTheDaemonIsTakenWithItsRawPayload() {
        String json = event("");
        IngestEvent e = assertInstanceOf(Inbound.Event.class, scan("unit-1", json)).event();
        assertEquals("unit-1", e.deviceId());
        assertEquals(5, e.seq());
        assertEquals("stamp", e.kind());
        assertEquals(SimulatedUnit.eventId("unit-1", 5), e.eventId());
        assertEquals(json, e.raw());
        assertTrue(e.lost().isEmpty());
    }

    @Test
    void aVoidEventNamesTheVoidedEventAndSeq() {
        String id = SimulatedUnit.eventId("unit-1", 3);
        IngestEvent e = assertInstanceOf(Inbound.Event.class, scan("unit-1",
                event("").replace("\"kind\":\"stamp\"", "\"kind\":\"void\",\"voids\":{\"eventId\":\"" + id + "\",\"seq\":3}"))).event();
        assertEquals(id, e.voidsEventId());
        assertEquals(3L, e.voidsSeq());
        assertEquals("voids: required for kind void, as {\"eventId\": ..., \"seq\": ...}",
                rejected("unit-1", event("").replace("\"kind\":\"stamp\"", "\"kind\":\"void\"")).detail().substring(6));
        assertEquals("bad-seq", rejected("unit-1", event("").replace("\"kind\":\"stamp\"",
                "\"kind\":\"void\",\"voids\":{\"eventId\":\"" + id + "\",\"seq\":0}")).reason());
    }

    @Test
    void hostilePayloadsAreRefusedWithAReasonAndAPreciseDetail() {
        assertEquals("not-json", rejected("unit-1", "{\"seq\": 1,").reason());
        assertEquals("not-object", rejected("unit-1", "[1,2]").reason());
        assertEquals("too-large", rejected("unit-1", "{\"x\":\"" + "a".repeat(5000) + "\"}").reason());
        Inbound.Rejected mismatch = rejected("unit-2", event(""));
        assertEquals("device-mismatch", mismatch.reason());
        assertEquals("scan: deviceId: must be the topic's \"unit-2\", got \"unit-1\"", mismatch.detail());
        for (String seq : List.of("0", "-3", "1.5", "\"7\"", "99999999999999999999", "null", "true")) {
            Inbound.Rejected r = rejected("unit-1", event("").replace("\"seq\":5", "\"seq\":" + seq));
            assertTrue(r.reason().equals("bad-seq") || r.reason().equals("missing-field"), seq + " -> " + r);
        }
        assertEquals("scan: seq: must be a positive integer, got -3",
                rejected("unit-1", event("").replace("\"seq\":5", "\"seq\":-3")).detail());
        assertEquals("scan: eventId: required", rejected("unit-1", event("").replaceAll("\"eventId\":\"[^\"]*\",", "")).detail());
        assertEquals("missing-field", rejected("unit-1", event("").replaceAll("\"scannedAt\":\"[^\"]*\",", "")).reason());
        assertEquals("bad-field", rejected("unit-1", event("").replaceAll("\"scannedAt\":\"[^\"]*\"", "\"scannedAt\":\"yesterday\"")).reason());
        assertEquals("bad-field", rejected("unit-1", event("").replace("stampbox.scan.v1", "stampbox.scan.v0")).reason());
        assertEquals("bad-topic", rejected("unit one", event("")).reason());
    }

    @Test
    void refusalDetailsNeverHoldAFullCodeAndAreEscaped() {
        Inbound.Rejected nul = rejected("unit-1", event("").replace("\"cardId\":\"CARD5\"", "\"cardId\":\"SECRET-CARD-1234\\u0000\""));
        assertEquals("bad-field", nul.reason());
        assertFalse(nul.detail().contains("SECRET-CARD-1234"), nul.detail());
        Inbound.Rejected kind = rejected("unit-1", event("").replace("\"kind\":\"stamp\"", "\"kind\":\"st\\n\\u001b[31mamp\""));
        assertFalse(kind.detail().contains("\n") || kind.detail().contains("\u001b"), kind.detail());
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
        assertEquals("not-utf8", ((Inbound.Rejected) parser.parse(ROOT + "/unit-1/scan", notUtf8)).reason());
    }

    @Test
    void lostRangesAreReadInEveryShapeAUnitMightSend() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(List.of(new SeqRange(5, 9)), LostSeqs.in(json.readTree("{\"lostSeqs\":[{\"first\":5,\"last\":9}]}")));
        assertEquals(List.of(new SeqRange(5, 9)), LostSeqs.in(json.readTree("{\"lostSeqs\":[5,9]}")));
        assertEquals(List.of(new SeqRange(3, 3), new SeqRange(5, 9)), LostSeqs.in(json.readTree("{\"lostSeqs\":[3,[5,7],\"8-9\"]}")));
        assertEquals(List.of(new SeqRange(2, 4)), LostSeqs.in(json.readTree("{\"outbox\":{\"lostSeqs\":{\"from\":2,\"to\":4}}}")));
        assertEquals(List.of(), LostSeqs.in(json.readTree("{\"lostSeqs\":[\"x\",-1,[9,2],{\"first\":0}]}")));
        assertEquals(List.of(new SeqRange(7, 8)), assertInstanceOf(Inbound.Report.class,
                parser.parse(ROOT + "/unit-1/status", "{\"online\":true,\"lostSeqs\":[[7,8]]}".getBytes(StandardCharsets.UTF_8))).lost());
    }

    @Test
    void theContiguousPrefixStopsAtTheFirstGapUnlessTheUnitReportedItLost() {
        assertEquals(3, SeqRange.advance(0, new long[] {1, 2, 3, 5, 6}, List.of()));
        assertEquals(6, SeqRange.advance(0, new long[] {1, 2, 3, 5, 6}, List.of(new SeqRange(4, 4))));
        assertEquals(12, SeqRange.advance(3, new long[] {5, 6}, List.of(new SeqRange(4, 4), new SeqRange(7, 12))));
        assertEquals(0, SeqRange.advance(0, new long[] {2}, List.of()));
        assertTrue(new SeqRange(4, 9).coveredBy(List.of(new SeqRange(4, 6), new SeqRange(7, 9))));
        assertFalse(new SeqRange(4, 9).coveredBy(List.of(new SeqRange(4, 6), new SeqRange(8, 9))));
    }
}
