package io.stampbox.scan;

/**
 * The port to the code reader. The reader owns its device and its thread; frames reach the listener in
 * the order they were read.
 */
public interface Scanner extends AutoCloseable {

    /** Starts reading on the scanner's own thread. Returns at once; a missing device is retried. */
    void start(ScannerListener listener);

    /** Whether the device is open and readable now. */
    boolean connected();

    /** Stops reading and releases the device. No listener call starts after this returns. */
    @Override
    void close();
}
