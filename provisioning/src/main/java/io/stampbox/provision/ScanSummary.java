package io.stampbox.provision;

import io.stampbox.wire.ScanEvent;
import java.io.IOException;

/** One event in a line, without its code: {@code scannedAt … eventId …}. */
final class ScanSummary {

    private ScanSummary() {}

    static String of(byte[] payload) {
        try {
            ScanEvent event = ScanEvent.fromJson(payload);
            return "scanned " + event.scannedAt() + ", event " + event.eventId();
        } catch (IOException e) {
            return "(" + payload.length + " bytes, not a scan event)";
        }
    }
}
