package io.stampbox.fleet;

import io.stampbox.scan.Scanner;
import io.stampbox.scan.ScannerListener;

/**
 * The scanner the unit starts and stops: a port, baud or profile change closes the current one and
 * starts its replacement with the same listener.
 */
public final class SwappableScanner implements Scanner {

    private volatile Scanner current;
    private ScannerListener listener;
    private boolean closed;

    public SwappableScanner(Scanner initial) {
        this.current = initial;
    }

    @Override
    public synchronized void start(ScannerListener listener) {
        this.listener = listener;
        current.start(listener);
    }

    /** Closes the current scanner (no listener call starts after that) and starts {@code next}. */
    public synchronized void replace(Scanner next) {
        current.close();
        current = next;
        if (listener != null && !closed) {
            next.start(listener);
        }
    }

    @Override
    public boolean connected() {
        return current.connected();
    }

    @Override
    public synchronized void close() {
        closed = true;
        current.close();
    }
}
