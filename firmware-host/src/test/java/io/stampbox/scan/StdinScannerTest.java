package io.stampbox.scan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdinScannerTest {

    private final RecordingListener listener = new RecordingListener();

    @Test
    void oneCodeALineThenEndOfInputReportsDisconnected() throws Exception {
        byte[] input = "]Q1CARD-1\r\nCARD-2\n\n\rCARD-3\rlast".getBytes(UTF_8);
        try (StdinScanner scanner = new StdinScanner(new ByteArrayInputStream(input), 64)) {
            scanner.start(listener);
            listener.awaitConnected(true);
            for (String expected : List.of("]Q1CARD-1", "CARD-2", "CARD-3", "last")) {
                assertEquals(expected, listener.awaitText());
            }
            listener.awaitConnected(false);
            assertFalse(scanner.connected());
            assertNull(listener.pollFrame());
            assertEquals(List.of("scanner-stdin"), listener.threads.stream().distinct().toList());
        }
    }

    @Test
    void overlongLineIsOneOverlongFrame() throws Exception {
        byte[] input = ("A".repeat(100) + "\nOK\n").getBytes(UTF_8);
        try (StdinScanner scanner = new StdinScanner(new ByteArrayInputStream(input), 16)) {
            scanner.start(listener);
            assertEquals("<overlong>", listener.awaitText());
            assertEquals("OK", listener.awaitText());
        }
    }

    @Test
    void noListenerCallAfterClose() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        StdinScanner scanner = new StdinScanner(new PipedInputStream(typing), 64);
        scanner.start(listener);
        typing.write("FIRST\n".getBytes(UTF_8));
        assertEquals("FIRST", listener.awaitText());
        assertTrue(scanner.connected());

        scanner.close();
        typing.write("SECOND\n".getBytes(UTF_8));
        typing.close();
        Thread reader = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("scanner-stdin")).findFirst().orElse(null);
        if (reader != null) {
            reader.join(RecordingListener.TIMEOUT.toMillis());
        }
        assertNull(listener.pollFrame());
        assertEquals(List.of(true), listener.connections);
    }
}
