package io.stampbox.uplink;

/** A publish, a subscription or the uplink's setup failed; the message names the topic or field. */
public class UplinkException extends RuntimeException {

    public UplinkException(String message) {
        super(message);
    }

    public UplinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
