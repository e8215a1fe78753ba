package io.stampbox.scan;

import io.stampbox.time.Backoff;
import io.stampbox.config.UnitConfig;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scanner on a serial device (USB CDC, UART, a udev symlink or a pty) read with jSerialComm, 8N1 at
 * the configured baud. One thread, {@code scanner-reader}, owns the port: it opens it, reads, cuts
 * frames, and on a missing or vanished device reports {@code onConnected(false)} once and reopens with
 * exponential backoff (250 ms up to 5 s) until the device or its symlink is back.
 */
public final class SerialScanner implements Scanner {

    private static final Logger log = LoggerFactory.getLogger(SerialScanner.class);
    private static final long JOIN_TIMEOUT_MS = 2_000;

    private final SerialReader.Settings settings;
    private final CountDownLatch stop = new CountDownLatch(1);
    private GuardedListener listener;
    private SerialReader reader;
    private Thread thread;

    public SerialScanner(UnitConfig.Scanner config) {
        this(config, PortSetup.NONE);
    }

    /** @param setup run after every open, before the first read (a scanner profile) */
    public SerialScanner(UnitConfig.Scanner config, PortSetup setup) {
        this(new SerialReader.Settings(config.port(), config.baud(), config.maxFrameBytes(), Clock.systemUTC(),
                SerialReader.reopenBackoff(), setup));
    }

    SerialScanner(String path, int baud, int maxFrameBytes, Clock clock, Backoff backoff) {
        this(new SerialReader.Settings(path, baud, maxFrameBytes, clock, backoff));
    }

    private SerialScanner(SerialReader.Settings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized void start(ScannerListener scannerListener) {
        if (thread != null) {
            throw new IllegalStateException("scanner " + settings.path() + ": already started");
        }
        listener = new GuardedListener(scannerListener, settings.path());
        reader = new SerialReader(settings, listener, stop);
        thread = new Thread(reader, "scanner-reader");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean connected() {
        GuardedListener current = currentListener();
        return current != null && current.connected();
    }

    /** How often the reader tried to open the device so far (for tests: proves there is no busy loop). */
    int openAttempts() {
        SerialReader current = currentReader();
        return current == null ? 0 : current.openAttempts();
    }

    @Override
    public void close() {
        stop.countDown();
        Thread started;
        GuardedListener startedListener;
        synchronized (this) {
            started = thread;
            startedListener = listener;
        }
        if (startedListener != null) {
            startedListener.stop();
        }
        if (started == null || started == Thread.currentThread()) {
            return;
        }
        joinQuietly(started);
    }

    private void joinQuietly(Thread started) {
        try {
            started.join(JOIN_TIMEOUT_MS);
            if (started.isAlive()) {
                log.warn("scanner {}: reader thread still running {} ms after close", settings.path(), JOIN_TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized GuardedListener currentListener() {
        return listener;
    }

    private synchronized SerialReader currentReader() {
        return reader;
    }
}
