package io.stampbox.ingest;

import java.util.List;

/** What one message on a subscribed topic turned out to be, after the checks of {@link EventParser}. */
sealed interface Inbound {

    /** A valid scan event. */
    record Event(IngestEvent event) implements Inbound {}

    /** A status or health document of a unit; {@code lost} may be empty. */
    record Report(String deviceId, List<SeqRange> lost) implements Inbound {}

    /**
     * A refused message: never stored as an event, only counted.
     *
     * @param device the device id from the topic, escaped and cut for logs and the database
     * @param reason a short stable code ({@code not-json}, {@code bad-seq}, ...)
     * @param detail field, rule and (escaped, masked where it is a code) value, for the log
     */
    record Rejected(String device, String reason, String detail) implements Inbound {}
}
