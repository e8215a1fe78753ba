package io.stampbox.scan;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/** {@link SerialLink} over an open jSerialComm port in the reader's semi-blocking mode. */
final class JSerialLink implements SerialLink {

    private final SerialPort port;
    private final String path;

    JSerialLink(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int written = port.writeBytes(bytes, bytes.length);
        if (written != bytes.length) {
            throw new IOException(path + ": wrote " + written + " of " + bytes.length + " bytes: "
                    + Errno.describe(port.getLastErrorCode()));
        }
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int count = port.readBytes(buffer, buffer.length);
        if (count < 0) {
            throw new IOException(path + ": read failed: " + Errno.describe(port.getLastErrorCode()));
        }
        return count;
    }
}
