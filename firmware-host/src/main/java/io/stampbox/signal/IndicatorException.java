package io.stampbox.signal;

/** The indicator's outputs could not be opened; the message names the config field and the pin. */
public class IndicatorException extends RuntimeException {

    public IndicatorException(String message) {
        super(message);
    }

    public IndicatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
