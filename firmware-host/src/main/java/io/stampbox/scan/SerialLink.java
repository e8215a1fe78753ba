package io.stampbox.scan;

import java.io.IOException;

/** The open serial port as {@link PortSetup} sees it: raw bytes out and in, nothing else. */
public interface SerialLink {

    /** The device path, for messages. */
    String path();

    void write(byte[] bytes) throws IOException;

    /**
     * Reads what has arrived, waiting at most about {@value SerialReader#READ_TIMEOUT_MS} ms for the
     * first byte.
     *
     * @return the number of bytes read, 0 when none came
     */
    int read(byte[] buffer) throws IOException;
}
