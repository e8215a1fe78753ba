package io.stampbox.scan.profile;

/**
 * Finds the GM65 acknowledgement in whatever the module sends, byte by byte: a code read while the unit
 * sets the module up may come before or around it.
 */
final class AckScanner {

    private int matched;

    /** Feeds bytes; true once a whole acknowledgement has been seen, and then starts over. */
    boolean accept(byte[] bytes, int count) {
        for (int i = 0; i < count; i++) {
            if (bytes[i] == Gm65Frames.ACK[matched]) {
                matched++;
            } else {
                matched = bytes[i] == Gm65Frames.ACK[0] ? 1 : 0;
            }
            if (matched == Gm65Frames.ACK.length) {
                matched = 0;
                return true;
            }
        }
        return false;
    }
}
