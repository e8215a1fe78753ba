package io.stampbox.outbox;

/**
 * One event as kept in the outbox: its seq and the exact payload to publish (UTF-8 JSON). A resend
 * publishes the same bytes.
 */
public record StoredEvent(long seq, byte[] payload) {}
