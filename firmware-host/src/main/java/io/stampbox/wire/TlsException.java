package io.stampbox.wire;

/** A TLS file is missing, unreadable or not what its field needs; the message names the field and the file. */
public class TlsException extends RuntimeException {

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
