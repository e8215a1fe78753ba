package io.stampbox.signal;

/** The indicator's outputs could not be opened; the message names the config field and the pin. */
public class IndicatorException extends RuntimeException {

    private final String reason;

    public IndicatorException(String message) {
        this(message, message, null);
    }

    public IndicatorException(String message, Throwable cause) {
        this(message, message, cause);
    }

    /** @param reason the cause in a few words, for health and status ({@code permission denied on ...}) */
    public IndicatorException(String message, String reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The cause in a few words; the message itself when none was given. */
    public String reason() {
        return reason;
    }
}
