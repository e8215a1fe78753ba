package io.stampbox.scan;

import java.time.Duration;
import io.stampbox.time.Backoff;
import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of the {@code scanner-reader} thread: the only code that touches the serial port. Opens,
 * reads until the device is gone, closes, waits with backoff, and again, until stopped.
 */
final class SerialReader implements Runnable {

    record Settings(String path, int baud, int maxFrameBytes, Clock clock, Backoff backoff, PortSetup setup) {

        Settings(String path, int baud, int maxFrameBytes, Clock clock, Backoff backoff) {
            this(path, baud, maxFrameBytes, clock, backoff, PortSetup.NONE);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SerialReader.class);

    /** 250 ms, 500 ms, 1 s, 2 s, 4 s, then every 5 s; no jitter (one local device, nothing to spread). */
    static Backoff reopenBackoff() {
        return Backoff.exact(Duration.ofMillis(250), Duration.ofSeconds(5));
    }
    /**
     * Semi-blocking reads map to termios VMIN=0/VTIME in deciseconds: keep this a multiple of 100 ms, a
     * smaller value can round to VTIME=0 and turn the loop into a spin.
     */
    static final int READ_TIMEOUT_MS = 100;

    /** A hung-up tty returns 0 at once; this many such reads in a row count as a lost device. */
    private static final int MAX_FAST_EMPTY_READS = 20;

    private final Settings settings;
    private final GuardedListener listener;
    private final CountDownLatch stop;
    private final LineFramer framer;
    private final AtomicInteger openAttempts = new AtomicInteger();
    private final byte[] buffer = new byte[1024];
    private String failure;
    private Boolean loggedConnected;
    private String loggedFailure;

    SerialReader(Settings settings, GuardedListener listener, CountDownLatch stop) {
        this.settings = settings;
        this.listener = listener;
        this.stop = stop;
        this.framer = new LineFramer(settings.maxFrameBytes(), settings.clock(), System::nanoTime,
                LineFramer.SERIAL_IDLE_NANOS);
    }

    int openAttempts() {
        return openAttempts.get();
    }

    @Override
    public void run() {
        while (!stopping()) {
            SerialPort port = open();
            if (port != null) {
                long openedAt = System.nanoTime();
                setUp(port);
                reportConnected(true);
                failure = readUntilGone(port);
                port.closePort();
                framer.reset();
                if (stopping()) {
                    return;
                }
                resetBackoffIfStable(openedAt);
            }
            reportConnected(false);
            if (waitForRetry()) {
                return;
            }
        }
    }

    private SerialPort open() {
        openAttempts.incrementAndGet();
        if (!Files.exists(Path.of(settings.path()))) {
            failure = "no such device";
            return null;
        }
        try {
            SerialPort port = configure(SerialPort.getCommPort(settings.path()));
            if (port.openPort()) {
                return port;
            }
            failure = "cannot open: " + Errno.describe(port.getLastErrorCode());
        } catch (SerialPortInvalidPortException | LinkageError e) {
            failure = e.toString();
        }
        return null;
    }

    /** The profile's setup, on this thread, before the first read; never stops the reader. */
    private void setUp(SerialPort port) {
        try {
            settings.setup().afterOpen(new JSerialLink(port, settings.path()));
        } catch (RuntimeException e) {
            log.warn("scanner {}: module setup failed, reading anyway", settings.path(), e);
        }
    }

    private SerialPort configure(SerialPort port) {
        port.setComPortParameters(settings.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        return port;
    }

    /** Reads until the device is gone (returns why) or the scanner is stopped (returns null). */
    private String readUntilGone(SerialPort port) {
        int fastEmptyReads = 0;
        while (!stopping()) {
            long before = System.nanoTime();
            int count = port.readBytes(buffer, buffer.length);
            if (count < 0) {
                return "read failed: " + Errno.describe(port.getLastErrorCode());
            }
            if (count > 0) {
                fastEmptyReads = 0;
                long discarded = framer.discardedPartials();
                framer.accept(buffer, 0, count, listener::onFrame);
                if (framer.discardedPartials() > discarded) {
                    log.warn("scanner {}: discarded an unterminated partial frame idle for over {} ms (line noise?); "
                            + "{} so far", settings.path(), LineFramer.SERIAL_IDLE_NANOS / 1_000_000,
                            framer.discardedPartials());
                }
                continue;
            }
            if (!Files.exists(Path.of(settings.path()))) {
                return "device path gone";
            }
            boolean fast = System.nanoTime() - before < TimeUnit.MILLISECONDS.toNanos(READ_TIMEOUT_MS / 2);
            fastEmptyReads = fast ? fastEmptyReads + 1 : 0;
            if (fastEmptyReads >= MAX_FAST_EMPTY_READS) {
                return "reads return at once without data";
            }
        }
        return null;
    }

    private void resetBackoffIfStable(long openedAt) {
        long upMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt);
        if (upMs >= settings.backoff().maxMs()) {
            settings.backoff().reset();
        }
    }

    /** Waits the next backoff delay; true when the scanner was stopped meanwhile. */
    private boolean waitForRetry() {
        try {
            return stop.await(settings.backoff().nextMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private boolean stopping() {
        return stop.getCount() == 0;
    }

    private void reportConnected(boolean connected) {
        if (!Boolean.valueOf(connected).equals(loggedConnected) || !connected && !java.util.Objects.equals(failure, loggedFailure)) {
            logChange(connected);
            loggedConnected = connected;
            loggedFailure = connected ? null : failure;
        }
        listener.onConnected(connected);
    }

    /** Each change of state once, and while closed each new reason (the device back, but not readable). */
    private void logChange(boolean connected) {
        if (connected) {
            log.info("scanner {}: connected, ready to scan", settings.path());
        } else if (loggedConnected == null) {
            log.warn("scanner {}: not open ({}); no scans until it opens, trying again with backoff up to {} ms",
                    settings.path(), failure, settings.backoff().maxMs());
        } else if (loggedConnected) {
            log.warn("scanner {}: disconnected ({}); reopening with backoff up to {} ms",
                    settings.path(), failure, settings.backoff().maxMs());
        } else {
            log.warn("scanner {}: still not open ({})", settings.path(), failure);
        }
    }
}
