package io.stampbox.fleet;

import io.stampbox.scan.Scanner;
import io.stampbox.scan.ScannerListener;
import java.util.function.Supplier;

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

    /**
     * Closes the current scanner (its device released; no listener call starts after that), then makes
     * the next one with {@code opener} and starts it.
     */
    public synchronized void reopen(Supplier<Scanner> opener) {
        current.close();
        Scanner next = opener.get();
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
