package io.stampbox.scan;

/** Receives what a scanner reads. Called on the scanner's own thread: hand work over, don't block long. */
public interface ScannerListener {

    void onFrame(Frame frame);

    /** The scanner device went away or came back. */
    void onConnected(boolean connected);
}
