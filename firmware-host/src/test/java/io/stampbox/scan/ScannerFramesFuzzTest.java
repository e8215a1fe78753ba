package io.stampbox.scan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stampbox.testing.SlowTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzzing (Jazzer) of what a scanner sends: bytes in reads of any size and timing through the serial
 * framer (with its idle timeout) and the frame decoder with its AIM identifiers. Nothing may throw, a
 * frame never exceeds its limit, and a decoded text is never longer than its frame.
 * Regression mode over {@code src/test/resources/io/stampbox/scan/ScannerFramesFuzzTestInputs/}.
 */
@SlowTest
class ScannerFramesFuzzTest {

    private static final int MAX_FRAME = 64;

    @FuzzTest(maxDuration = "60s")
    void framerAndDecoderTakeAnyBytes(FuzzedDataProvider data) {
        AtomicLong nanos = new AtomicLong();
        LineFramer framer = new LineFramer(MAX_FRAME, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), nanos::get,
                LineFramer.SERIAL_IDLE_NANOS);
        List<Frame> frames = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            nanos.addAndGet(data.consumeLong(0, 2 * LineFramer.SERIAL_IDLE_NANOS));
            byte[] read = data.consumeBytes(data.consumeInt(0, 200));
            framer.accept(read, 0, read.length, frames::add);
        }
        framer.finish(frames::add);
        FrameDecoder decoder = new FrameDecoder();
        for (Frame frame : frames) {
            assertTrue(frame.bytes().length <= MAX_FRAME, "a frame over its limit");
            DecodeResult result = decoder.decode(frame);
            if (result instanceof DecodeResult.Decoded decoded) {
                assertTrue(decoded.text().getBytes(StandardCharsets.UTF_8).length <= frame.bytes().length);
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void aimIdentifiersOfAnyText(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (AimIdentifier.startsWithOne(text)) {
            AimIdentifier.symbology(text);
        }
        new FrameDecoder().decode(new Frame(text.getBytes(StandardCharsets.UTF_8), false, 0, Instant.EPOCH));
    }
}
