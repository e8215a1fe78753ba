package io.stampbox.scan;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One code a line from an input stream (standard input in production), for demos and tests. Framing and
 * limits are the serial scanner's ({@link LineFramer}); at end of input a last unterminated line still
 * counts. End of input means no more codes will ever come: the scanner reports
 * {@code onConnected(false)} once and the unit keeps running until it is stopped.
 *
 * <p>The thread, {@code scanner-stdin}, is a daemon: a blocked read on standard input cannot be
 * interrupted, so {@link #close()} does not wait for it, but no listener call starts after it returns.
 */
public final class StdinScanner implements Scanner {

    private static final Logger log = LoggerFactory.getLogger(StdinScanner.class);

    private final InputStream in;
    private final LineFramer framer;
    private GuardedListener listener;
    private Thread thread;

    public StdinScanner(InputStream in, int maxFrameBytes) {
        this(in, maxFrameBytes, Clock.systemUTC());
    }

    StdinScanner(InputStream in, int maxFrameBytes, Clock clock) {
        this.in = in;
        this.framer = new LineFramer(maxFrameBytes, clock);
    }

    @Override
    public synchronized void start(ScannerListener scannerListener) {
        if (thread != null) {
            throw new IllegalStateException("scanner stdin: already started");
        }
        listener = new GuardedListener(scannerListener, "stdin");
        thread = new Thread(this::readAll, "scanner-stdin");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean connected() {
        GuardedListener current = currentListener();
        return current != null && current.connected();
    }

    @Override
    public void close() {
        GuardedListener current = currentListener();
        if (current != null) {
            current.stop();
        }
    }

    private void readAll() {
        GuardedListener out = currentListener();
        if (in == System.in && StandardInput.isDevNull()) {
            log.error("scanner stdin: standard input is /dev/null{}: no code can ever come; use scanner.type"
                    + " serial", System.getenv("INVOCATION_ID") != null ? " (run by systemd)" : "");
            return;
        }
        out.onConnected(true);
        byte[] buffer = new byte[1024];
        try {
            for (int count = in.read(buffer); count >= 0; count = in.read(buffer)) {
                framer.accept(buffer, 0, count, out::onFrame);
            }
            framer.finish(out::onFrame);
            log.info("scanner stdin: end of input; no more codes, the unit keeps running");
        } catch (IOException e) {
            log.warn("scanner stdin: read failed ({}); no more codes, the unit keeps running", e.toString());
        }
        out.onConnected(false);
    }

    private synchronized GuardedListener currentListener() {
        return listener;
    }

    /** Where this process's standard input points; /dev/null under systemd's default StandardInput=null. */
    static final class StandardInput {
        private StandardInput() {}

        static boolean isDevNull() {
            try {
                return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/0")).toString()
                        .equals("/dev/null");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
    }
}
