package io.stampbox.outbox;

/** A write to the outbox did not become durable; nothing of that append is kept. */
public class OutboxException extends Exception {

    /** Why an append failed, so that callers can tell "full" from "broken". */
    public enum Reason { FULL, IO }

    private final Reason reason;

    public OutboxException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
