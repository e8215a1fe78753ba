package io.stampbox.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.wire.Masking;
import io.stampbox.wire.ScanEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Checks one message from the broker: remote input is hostile until checked. A scan event (contract 3.1) must
 * be at most {@code maxBytes}, UTF-8 JSON, an object with the scan schema, a {@code deviceId} equal to the
 * topic's, a positive integer {@code seq}, a UUID {@code eventId}, a {@code kind} and an ISO-8601
 * {@code scannedAt}; kind {@code void} also needs {@code voids.eventId} and {@code voids.seq}. Anything else
 * is {@link Inbound.Rejected} with a reason code and a detail that never holds a full card code.
 */
final class EventParser {

    static final int DEFAULT_MAX_BYTES = 64 * 1024;
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final int MAX_TEXT = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String root;
    private final int maxBytes;

    EventParser(String root, int maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
    }

    /** Thrown inside the checks: the reason code and the detail of the rejection. */
    private static final class Refused extends Exception {
        final String reason;

        Refused(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    Inbound parse(String topic, byte[] payload) {
        String rest = topic.startsWith(root + "/") ? topic.substring(root.length() + 1) : "";
        int slash = rest.indexOf('/');
        String device = slash < 0 ? rest : rest.substring(0, slash);
        String sub = slash < 0 ? "" : rest.substring(slash + 1);
        String shown = Escape.text(device, 64);
        if (!DEVICE.matcher(device).matches()) {
            return new Inbound.Rejected(shown, "bad-topic", "topic: the unit id must match [A-Za-z0-9_-]{1,64}, got \"" + shown + "\"");
        }
        try {
            JsonNode doc = document(payload);
            if (sub.equals("scan")) {
                return new Inbound.Event(event(device, doc, new String(payload, StandardCharsets.UTF_8)));
            }
            return new Inbound.Report(device, LostSeqs.in(doc));
        } catch (Refused r) {
            return new Inbound.Rejected(shown, r.reason, sub + ": " + r.getMessage());
        }
    }

    private JsonNode document(byte[] payload) throws Refused {
        if (payload.length > maxBytes) {
            throw new Refused("too-large", "payload: must be at most " + maxBytes + " bytes, got " + payload.length);
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload));
        } catch (CharacterCodingException e) {
            throw new Refused("not-utf8", "payload: must be UTF-8");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new Refused("not-json", "payload: not JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (java.io.IOException e) {
            throw new Refused("not-json", "payload: not JSON");
        }
        if (doc == null || !doc.isObject()) {
            throw new Refused("not-object", "payload: must be a JSON object");
        }
        return doc;
    }

    private static IngestEvent event(String device, JsonNode doc, String raw) throws Refused {
        String schema = text(doc, "schema", true);
        if (!ScanEvent.SCHEMA.equals(schema)) {
            throw new Refused("bad-field", "schema: must be \"" + ScanEvent.SCHEMA + "\", got \"" + Escape.text(schema, 40) + "\"");
        }
        String deviceId = text(doc, "deviceId", true);
        if (!device.equals(deviceId)) {
            throw new Refused("device-mismatch", "deviceId: must be the topic's \"" + device + "\", got \"" + Escape.text(deviceId, 64) + "\"");
        }
        long seq = seq(doc.get("seq"), "seq");
        String eventId = uuid(doc, "eventId");
        String kind = text(doc, "kind", true);
        if (!KIND.matcher(kind).matches()) {
            throw new Refused("bad-field", "kind: must match [a-z][a-z0-9-]{0,31}, got \"" + Escape.text(kind, 40) + "\"");
        }
        Instant scannedAt = instant(text(doc, "scannedAt", true));
        String voidsEventId = null;
        Long voidsSeq = null;
        if (IngestEvent.KIND_VOID.equals(kind)) {
            JsonNode voids = doc.get("voids");
            if (voids == null || !voids.isObject()) {
                throw new Refused("missing-field", "voids: required for kind void, as {\"eventId\": ..., \"seq\": ...}");
            }
            voidsEventId = uuid(voids, "eventId");
            voidsSeq = seq(voids.get("seq"), "voids.seq");
        }
        String cardId = text(doc, "cardId", false);
        if (cardId != null && (cardId.indexOf('\0') >= 0 || cardId.length() > MAX_TEXT)) {
            throw new Refused("bad-field", "cardId: must be at most " + MAX_TEXT + " characters without U+0000, got " + Masking.mask(cardId));
        }
        String storeId = text(doc, "storeId", false);
        if (storeId != null && (storeId.indexOf('\0') >= 0 || storeId.length() > MAX_TEXT)) {
            throw new Refused("bad-field", "storeId: must be at most " + MAX_TEXT + " characters without U+0000, got \""
                    + Escape.text(storeId, 40) + "\"");
        }
        JsonNode synced = doc.get("clockSynced");
        JsonNode config = doc.get("configVersion");
        return new IngestEvent(eventId, device, seq, kind, storeId, cardId, scannedAt,
                synced != null && synced.isBoolean() ? synced.asBoolean() : null,
                config != null && config.isIntegralNumber() && config.canConvertToLong() ? config.asLong() : null,
                voidsEventId, voidsSeq, raw, LostSeqs.in(doc));
    }

    private static String text(JsonNode doc, String field, boolean required) throws Refused {
        JsonNode node = doc.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new Refused("missing-field", field + ": required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new Refused("bad-field", field + ": must be a string, got a " + node.getNodeType().name().toLowerCase());
        }
        return node.asText();
    }

    private static long seq(JsonNode node, String field) throws Refused {
        if (node == null || node.isNull()) {
            throw new Refused("missing-field", field + ": required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 1) {
            throw new Refused("bad-seq", field + ": must be a positive integer, got " + Escape.text(node.toString(), 40));
        }
        return node.asLong();
    }

    private static String uuid(JsonNode doc, String field) throws Refused {
        String value = text(doc, field, true);
        if (!UUID.matcher(value).matches()) {
            throw new Refused("bad-field", field + ": must be a UUID, got \"" + Escape.text(value, 40) + "\"");
        }
        return value.toLowerCase();
    }

    private static Instant instant(String value) throws Refused {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Refused("bad-field", "scannedAt: must be an ISO-8601 UTC time, got \"" + Escape.text(value, 40) + "\"");
        }
    }
}
