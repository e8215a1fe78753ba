package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stampbox.testing.Await;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.PtyPair;
import io.stampbox.testing.PtyTest;
import io.stampbox.testing.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon reading a real pseudo-terminal through jSerialComm, as it reads the scanner module. */
@ProcessTest
@PtyTest
@SlowTest
class UnitSerialEndToEndTest {

    @TempDir
    Path dir;

    private Path config(PtyPair pty) throws Exception {
        return UnitConfigs.write(dir, """
                {"type": "serial", "port": "%s", "baud": 115200, "maxFrameBytes": 64}""".formatted(pty.devicePath()), "");
    }

    @Test
    void garbageGetsRejectedAndGoodCodesStillCount() throws Exception {
        assumeTrue(PtyPair.socatAvailable(), "socat is not installed");
        try (PtyPair pty = PtyPair.start(dir); UnitProcess unit = UnitProcess.start(config(pty), dir)) {
            unit.awaitReady();
            pty.writeLine("]Q1CARD-AAAA");
            assertTrue(unit.awaitSignal().matches("SIGNAL accepted event=\\S+ seq=1"), unit.seen().toString());

            byte[] noise = new byte[48];
            new Random(7).nextBytes(noise);
            for (int i = 0; i < noise.length; i++) {
                noise[i] = noise[i] == '\r' || noise[i] == '\n' ? 0 : noise[i];
            }
            pty.write(noise);
            pty.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("SIGNAL rejected", unit.awaitSignal());

            pty.writeLine("CARD-" + "B".repeat(100));
            assertEquals("SIGNAL rejected", unit.awaitSignal(), "over-long frame");

            pty.write(new byte[] {'C', 'A', 'R', 'D', '-', (byte) 0xFF, (byte) 0xFE, 'A', 'A', '\r'});
            assertEquals("SIGNAL rejected", unit.awaitSignal(), "invalid UTF-8");

            pty.write("\r\n\r\n\n".getBytes(StandardCharsets.US_ASCII));
            pty.writeLine("CARD-CCCC");
            assertTrue(unit.awaitSignal().matches("SIGNAL accepted event=\\S+ seq=2"), "empty lines make no signal");
        }
    }

    @Test
    void aScannerUnpluggedOrMissingAtStartIsPickedUpWhenItComesBack() throws Exception {
        assumeTrue(PtyPair.socatAvailable(), "socat is not installed");
        try (PtyPair pty = PtyPair.start(dir)) {
            Path config = config(pty);
            pty.kill();
            try (UnitProcess unit = UnitProcess.start(config, dir)) {
                unit.awaitReady();
                pty.restart();
                scanUntilAccepted(pty, unit);
                pty.kill();
                awaitLog(unit, "disconnected");
                pty.restart();
                scanUntilAccepted(pty, unit);
                unit.signal("TERM");
                assertEquals(0, unit.awaitExit(Duration.ofSeconds(20)));
            }
        }
    }

    /** Scans fresh codes until one is accepted: the unit reopens the port on its own schedule. */
    private static void scanUntilAccepted(PtyPair pty, UnitProcess unit) throws Exception {
        AtomicInteger n = new AtomicInteger();
        Await.until("a scan accepted after the scanner came back", Duration.ofSeconds(20), () -> {
            pty.writeLine("CARD-RETRY%04d".formatted(n.getAndIncrement()));
            String line = unit.poll(Duration.ofMillis(500));
            return line != null && line.startsWith("SIGNAL accepted");
        }, unit::stderr);
    }

    private static void awaitLog(UnitProcess unit, String text) {
        Await.until("'" + text + "' in the log", Duration.ofSeconds(15), () -> unit.stderr().contains(text),
                unit::stderr);
    }
}
