package io.stampbox.scan;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LineFramerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00.123Z");

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final LineFramer framer = new LineFramer(8, Clock.fixed(NOW, ZoneOffset.UTC), nanos::get);
    private final List<Frame> frames = new ArrayList<>();

    private void feed(String latin1) {
        byte[] bytes = latin1.getBytes(ISO_8859_1);
        framer.accept(bytes, 0, bytes.length, frames::add);
    }

    private List<String> texts() {
        return frames.stream()
                .map(f -> f.overlong() ? "<overlong>" : new String(f.bytes(), ISO_8859_1))
                .collect(Collectors.toList());
    }

    @Test
    void unterminatedNoiseIdleForTheTimeoutNeverGluesOntoTheNextScan() {
        LineFramer serial = new LineFramer(64, Clock.fixed(NOW, ZoneOffset.UTC), nanos::get, LineFramer.SERIAL_IDLE_NANOS);
        byte[] noise = "\u00ff~x".getBytes(ISO_8859_1);
        serial.accept(noise, 0, noise.length, frames::add);
        nanos.addAndGet(LineFramer.SERIAL_IDLE_NANOS);
        byte[] scan = "CARD-1234\r\n".getBytes(ISO_8859_1);
        serial.accept(scan, 0, scan.length, frames::add);
        assertEquals(List.of("CARD-1234"), texts());
        assertEquals(1, serial.discardedPartials());
        // a frame split across reads inside the timeout is one frame
        byte[] first = "CARD-".getBytes(ISO_8859_1);
        byte[] rest = "5678\r".getBytes(ISO_8859_1);
        serial.accept(first, 0, first.length, frames::add);
        nanos.addAndGet(LineFramer.SERIAL_IDLE_NANOS - 1);
        serial.accept(rest, 0, rest.length, frames::add);
        assertEquals(List.of("CARD-1234", "CARD-5678"), texts());
        assertEquals(1, serial.discardedPartials());
        // an overlong partial left idle is dropped too, and the next scan is whole
        byte[] longNoise = "x".repeat(100).getBytes(ISO_8859_1);
        serial.accept(longNoise, 0, longNoise.length, frames::add);
        nanos.addAndGet(LineFramer.SERIAL_IDLE_NANOS);
        serial.accept(scan, 0, scan.length, frames::add);
        assertEquals(List.of("CARD-1234", "CARD-5678", "CARD-1234"), texts());
        assertEquals(2, serial.discardedPartials());
    }

    @Test
    void crLfAndCrLfEachEndOneFrame() {
        feed("A\rB\nC\r\nD\r\n");
        assertEquals(List.of("A", "B", "C", "D"), texts());
    }

    @Test
    void crLfSplitAcrossReadsIsOneTerminator() {
        feed("ABC\r");
        feed("\nDEF\r");
        feed("\n");
        assertEquals(List.of("ABC", "DEF"), texts());
    }

    @Test
    void emptyLinesMakeNoFrame() {
        feed("\r\n\r\n\n\n\r\r\nA\n\r\n\r");
        assertEquals(List.of("A"), texts());
    }

    @Test
    void lfCrIsTwoTerminatorsAndMakesNoEmptyFrame() {
        feed("A\n\rB\n");
        assertEquals(List.of("A", "B"), texts());
    }

    @Test
    void noFrameBeforeTheTerminator() {
        feed("ABCD");
        assertTrue(frames.isEmpty());
        feed("E\n");
        assertEquals(List.of("ABCDE"), texts());
    }

    @Test
    void frameOfExactlyMaxBytesIsKept() {
        feed("12345678\n");
        assertEquals(List.of("12345678"), texts());
    }

    @Test
    void overlongFrameIsDiscardedWholeAndReportedOnce() {
        feed("123456789");
        feed("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        feed("tail\r\nnext\n");
        assertEquals(List.of("<overlong>", "next"), texts());
        Frame overlong = frames.get(0);
        assertTrue(overlong.overlong());
        assertEquals(0, overlong.bytes().length);
        assertFalse(frames.get(1).overlong());
    }

    @Test
    void overlongEndedByCrStillSwallowsTheFollowingLf() {
        feed("123456789\r");
        feed("\nok\n");
        assertEquals(List.of("<overlong>", "ok"), texts());
    }

    @Test
    void nulsAndHighBytesAreContent() {
        feed("\u0000A\u00ff\u0000\n");
        assertArrayEquals(new byte[] {0, 'A', (byte) 0xff, 0}, frames.get(0).bytes());
    }

    @Test
    void resetDropsAPartialFrameAndAPendingCr() {
        feed("partial");
        framer.reset();
        feed("ok\n");
        assertEquals(List.of("ok"), texts());
        feed("x\r");
        framer.reset();
        feed("\ny\n");
        assertEquals(List.of("ok", "x", "y"), texts());
    }

    @Test
    void resetForgetsAnOverlongFrameInProgress() {
        feed("123456789012");
        framer.reset();
        feed("ok\n");
        assertEquals(List.of("ok"), texts());
    }

    @Test
    void finishEmitsTheLastUnterminatedLine() {
        feed("A\nlast");
        framer.finish(frames::add);
        assertEquals(List.of("A", "last"), texts());
    }

    @Test
    void timestampsAreTakenWhenTheTerminatorArrives() {
        feed("AB");
        nanos.set(5_000);
        feed("C\n");
        assertEquals(5_000, frames.get(0).receivedNanos());
        assertEquals(NOW, frames.get(0).receivedAt());
    }

    @Test
    void randomBinaryNeverBreaksFramingOfLaterCodes() {
        Random random = new Random(42);
        byte[] noise = new byte[100_000];
        random.nextBytes(noise);
        for (int offset = 0; offset < noise.length; offset += 333) {
            framer.accept(noise, offset, Math.min(333, noise.length - offset), frames::add);
        }
        for (Frame frame : frames) {
            assertTrue(frame.overlong() || (frame.bytes().length > 0 && frame.bytes().length <= 8));
        }
        feed("\n");
        frames.clear();
        feed("GOOD\n");
        assertEquals(List.of("GOOD"), texts());
    }
}
