package io.stampbox.scan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.PtyPair;
import io.stampbox.testing.PtyTest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SerialScanner through jSerialComm on a real pty pair made by socat. */
@PtyTest
class SerialScannerPtyTest {

    private static final int MAX_FRAME_BYTES = 64;

    @TempDir
    Path dir;

    private PtyPair pty;
    private SerialScanner scanner;
    private final RecordingListener listener = new RecordingListener();
    private final FrameDecoder decoder = new FrameDecoder();

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

    private void startConnected() throws Exception {
        pty = PtyPair.start(dir);
        scanner = newScanner();
        scanner.start(listener);
        listener.awaitConnected(true);
        assertTrue(scanner.connected());
    }

    private SerialScanner newScanner() {
        return new SerialScanner(dir.resolve("scanner").toString(), 9600, MAX_FRAME_BYTES,
                Clock.systemUTC(), SerialReader.reopenBackoff());
    }

    @Test
    void crLfAndCrLfEachEndOneFrameAndEmptyLinesMakeNone() throws Exception {
        startConnected();
        pty.write("A1\rB2\nC3\r\n\r\n\n\rD4\r".getBytes(UTF_8));
        pty.write("\nE5\n".getBytes(UTF_8));
        for (String expected : List.of("A1", "B2", "C3", "D4", "E5")) {
            assertEquals(expected, listener.awaitText());
        }
        pty.writeLine("LAST");
        assertEquals("LAST", listener.awaitText());
        assertEquals(List.of("scanner-reader"), listener.threads.stream().distinct().toList());
    }

    @Test
    void aimIdentifiersArriveAndDecode() throws Exception {
        startConnected();
        pty.writeLine("]Q1CARD-0001");
        pty.writeLine("]L2CARD-0002");
        pty.writeLine("]z0CARD-0003");
        pty.writeLine("CARD-0004");
        assertEquals(new DecodeResult.Decoded("CARD-0001", "qr"), decoder.decode(listener.awaitFrame()));
        assertEquals(new DecodeResult.Decoded("CARD-0002", "pdf417"), decoder.decode(listener.awaitFrame()));
        assertEquals(new DecodeResult.Decoded("CARD-0003", "aztec"), decoder.decode(listener.awaitFrame()));
        assertEquals(new DecodeResult.Decoded("CARD-0004", null), decoder.decode(listener.awaitFrame()));
    }

    @Test
    void overlongFrameIsDiscardedWholeAndTheNextFrameIsFine() throws Exception {
        startConnected();
        byte[] longFrame = "X".repeat(10 * MAX_FRAME_BYTES).getBytes(UTF_8);
        pty.write(longFrame);
        pty.write("\r\nNEXT\r\n".getBytes(UTF_8));
        Frame overlong = listener.awaitFrame();
        assertTrue(overlong.overlong());
        assertEquals(0, overlong.bytes().length);
        assertEquals("NEXT", listener.awaitText());
        assertNull(listener.pollFrame());
    }

    @Test
    void invalidUtf8IsRejectedAndTheNextFrameIsFine() throws Exception {
        startConnected();
        pty.write(new byte[] {'A', (byte) 0xC3, 'B', '\n'});
        pty.writeLine("OK");
        DecodeResult bad = decoder.decode(listener.awaitFrame());
        assertEquals("not valid UTF-8", assertInstanceOf(DecodeResult.Invalid.class, bad).reason());
        assertEquals("OK", listener.awaitText());
    }

    @Test
    void binaryNoiseAndNulsNeverStopGoodFrames() throws Exception {
        startConnected();
        Random random = new Random(7);
        byte[] noise = new byte[20_000];
        random.nextBytes(noise);
        pty.write(noise);
        pty.write(new byte[] {0, 0, 0, '\n', 0, '\r'});
        pty.write("\nGOOD-1\r\n".getBytes(UTF_8));
        String last;
        do {
            last = listener.awaitText();
        } while (!last.equals("GOOD-1"));
        pty.writeLine("GOOD-2");
        assertEquals("GOOD-2", listener.awaitText());
        assertTrue(scanner.connected());
    }

    @Test
    void manyFramesArriveInOrder() throws Exception {
        startConnected();
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < 500; i++) {
            burst.writeBytes(("CODE-" + i + "\r\n").getBytes(UTF_8));
        }
        pty.write(burst.toByteArray());
        for (int i = 0; i < 500; i++) {
            assertEquals("CODE-" + i, listener.awaitText());
        }
    }
}
