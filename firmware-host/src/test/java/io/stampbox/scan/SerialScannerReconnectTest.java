package io.stampbox.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.Await;
import io.stampbox.testing.PtyPair;
import io.stampbox.testing.PtyTest;
import io.stampbox.testing.SlowTest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unplug, replug, missing device, no busy loop, prompt close: on a real socat pty. */
@PtyTest
@SlowTest
class SerialScannerReconnectTest {

    @TempDir
    Path dir;

    private PtyPair pty;
    private SerialScanner scanner;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void requireSocat() {
        Assumptions.assumeTrue(PtyPair.socatAvailable(), "socat is not installed: pty tests skipped");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (scanner != null) {
            scanner.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private SerialScanner newScanner() {
        return new SerialScanner(dir.resolve("scanner").toString(), 115200, 256, Clock.systemUTC(),
                SerialReader.reopenBackoff());
    }

    private void startConnected() throws Exception {
        pty = PtyPair.start(dir);
        scanner = newScanner();
        scanner.start(listener);
        listener.awaitConnected(true);
    }

    @Test
    void unplugReportsOnceBacksOffAndReplugResumesWithoutThePartialFrame() throws Exception {
        startConnected();
        pty.writeLine("BEFORE");
        assertEquals("BEFORE", listener.awaitText());
        pty.write("PARTIAL".getBytes(StandardCharsets.US_ASCII));

        long unpluggedAt = System.nanoTime();
        pty.kill();
        listener.awaitConnected(false);
        assertFalse(scanner.connected());
        int attemptsAtUnplug = scanner.openAttempts();
        long cpuBefore = readerCpuNanos();

        // 250 + 500 + 1000 ms of backoff come before the third reopen attempt.
        Await.until("three reopen attempts", RecordingListener.TIMEOUT, () -> scanner.openAttempts() >= attemptsAtUnplug + 3);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - unpluggedAt);
        assertTrue(waitedMs >= 1_700, "third reopen attempt came after only " + waitedMs + " ms");
        long cpuMs = TimeUnit.NANOSECONDS.toMillis(readerCpuNanos() - cpuBefore);
        assertTrue(cpuMs < 200, "reader used " + cpuMs + " ms CPU while the device was away");

        pty.restart();
        listener.awaitConnected(true);
        assertTrue(scanner.connected());
        pty.writeLine("AFTER");
        assertEquals("AFTER", listener.awaitText());
        assertEquals(List.of(true, false, true), listener.connections);
    }

    @Test
    void deviceMissingAtStartIsReportedOnceAndPickedUpWhenItAppears() throws Exception {
        scanner = newScanner();
        scanner.start(listener);
        listener.awaitConnected(false);
        assertFalse(scanner.connected());

        pty = PtyPair.start(dir);
        listener.awaitConnected(true);
        pty.writeLine("]Q1HELLO");
        assertEquals("]Q1HELLO", listener.awaitText());
        assertEquals(List.of(false, true), listener.connections);
    }

    @Test
    void idleConnectedReaderDoesNotSpin() throws Exception {
        startConnected();
        long cpuBefore = readerCpuNanos();
        long start = System.nanoTime();
        assertNull(listener.pollFrame(Duration.ofSeconds(1)), "a frame appeared from nothing");
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long cpuMs = TimeUnit.NANOSECONDS.toMillis(readerCpuNanos() - cpuBefore);
        assertTrue(cpuMs < 100, "idle reader used " + cpuMs + " ms CPU in " + wallMs + " ms");
        assertTrue(scanner.connected());
    }

    @Test
    void closeIsPromptReleasesThePortAndStopsListenerCalls() throws Exception {
        startConnected();
        long start = System.nanoTime();
        scanner.close();
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(closeMs < 1_000, "close took " + closeMs + " ms");
        assertFalse(readerThreadAlive());
        assertFalse(scanner.connected());
        int callsAtClose = listener.threads.size();

        pty.writeLine("LATE");
        RecordingListener second = new RecordingListener();
        try (SerialScanner again = newScanner()) {
            again.start(second);
            second.awaitConnected(true);
            pty.writeLine("AGAIN");
            String text = second.awaitText();
            assertTrue(text.equals("AGAIN") || text.equals("LATE"), "got " + text);
        }
        assertEquals(callsAtClose, listener.threads.size(), "listener called after close");
    }

    @Test
    void closeWhileBackingOffIsPrompt() throws Exception {
        scanner = newScanner();
        scanner.start(listener);
        listener.awaitConnected(false);
        Await.until("four open attempts", RecordingListener.TIMEOUT, () -> scanner.openAttempts() >= 4);
        long start = System.nanoTime();
        scanner.close();
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(closeMs < 500, "close took " + closeMs + " ms");
        assertFalse(readerThreadAlive());
    }

    @Test
    void throwingListenerDoesNotStopTheReader() throws Exception {
        pty = PtyPair.start(dir);
        scanner = newScanner();
        ThrowingOnce throwing = new ThrowingOnce(listener);
        scanner.start(throwing);
        listener.awaitConnected(true);
        pty.writeLine("BOOM");
        pty.writeLine("FINE");
        assertEquals("FINE", listener.awaitText());
    }

    /** Throws on the first frame, passes on everything else. */
    private static final class ThrowingOnce implements ScannerListener {
        private final ScannerListener next;
        private boolean thrown;

        ThrowingOnce(ScannerListener next) {
            this.next = next;
        }

        @Override
        public void onFrame(Frame frame) {
            if (!thrown) {
                thrown = true;
                throw new IllegalStateException("listener failure for the test");
            }
            next.onFrame(frame);
        }

        @Override
        public void onConnected(boolean connected) {
            next.onConnected(connected);
        }
    }

    private static Thread readerThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("scanner-reader") && t.isAlive())
                .findFirst().orElse(null);
    }

    private static boolean readerThreadAlive() {
        return readerThread() != null;
    }

    private static long readerCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread reader = readerThread();
        assertTrue(reader != null, "no scanner-reader thread");
        return threads.getThreadCpuTime(reader.getId());
    }
}
