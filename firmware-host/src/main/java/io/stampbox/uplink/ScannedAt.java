package io.stampbox.uplink;

import io.stampbox.wire.ScanEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The {@code scannedAt} of a stored scan event as an instant ({@link ScanEvent#scannedAtOf}). */
final class ScannedAt {

    private ScannedAt() {}

    /** @return null when the payload has no readable {@code scannedAt} */
    static Instant of(byte[] payload) {
        String text = ScanEvent.scannedAtOf(payload);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
