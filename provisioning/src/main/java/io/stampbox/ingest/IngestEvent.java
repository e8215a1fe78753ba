package io.stampbox.ingest;

import java.time.Instant;
import java.util.List;

/**
 * One checked scan event (contract 3.1), ready to store. {@code voidsEventId}/{@code voidsSeq} are set for
 * kind {@code void} only; {@code raw} is the payload exactly as received; {@code lost} holds the ranges the
 * unit reported lost in this event, if any.
 */
record IngestEvent(String eventId, String deviceId, long seq, String kind, String storeId, String cardId,
        Instant scannedAt, Boolean clockSynced, Long configVersion, String voidsEventId, Long voidsSeq,
        String raw, List<SeqRange> lost) {

    static final String KIND_VOID = "void";
}
