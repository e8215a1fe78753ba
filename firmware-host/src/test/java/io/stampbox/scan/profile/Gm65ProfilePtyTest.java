package io.stampbox.scan.profile;

import io.stampbox.testing.Await;
import io.stampbox.testing.PtyPair;
import io.stampbox.testing.PtyTest;
import java.io.IOException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.UnitConfig;
import io.stampbox.scan.Frame;
import io.stampbox.scan.ScannerListener;
import io.stampbox.scan.SerialScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GM65 profile through the real SerialScanner and jSerialComm, against a scripted module on a pty. */
@PtyTest
class Gm65ProfilePtyTest {

    private static final long TIMEOUT_MS = 10_000;

    @TempDir
    Path dir;
    private PtyPair pty;
    private SerialScanner scanner;
    private final BlockingQueue<String> codes = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> connections = new LinkedBlockingQueue<>();

    @BeforeEach
    void requireSocat() {
        Assumptions.assumeTrue(PtyPair.socatAvailable(), "socat is not installed: pty tests skipped");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (scanner != null) {
            scanner.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    @Test
    void anAnsweringModuleGetsEverySettingThenItsCodesAreRead() throws Exception {
        pty = PtyPair.start(dir);
        ScriptedGm65 module = ScriptedGm65.start(pty, true);
        Gm65Profile profile = Gm65Profile.sensing();
        start(profile);

        assertEquals(true, connections.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertEquals(SetupState.CONFIGURED, profile.state());
        List<ScriptedGm65.Command> expected = profile.zoneWrites().stream()
                .map(w -> new ScriptedGm65.Command(0x08, w.address(), List.of(w.value()), true)).toList();
        assertEquals(expected, module.received);

        module.send("CARD-1234");
        assertEquals("CARD-1234", codes.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void aSilentModuleIsReportedAndStillRead() throws Exception {
        pty = PtyPair.start(dir);
        ScriptedGm65 module = ScriptedGm65.start(pty, false);
        Gm65Profile profile = new Gm65Profile("gm65", Gm65Profile.writes(Gm65Profile.MODE_SENSING), 300);
        start(profile);

        assertEquals(true, connections.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertEquals(SetupState.NO_ANSWER, profile.state());
        Await.until("the module to receive one command", Duration.ofMillis(TIMEOUT_MS), () -> module.received.size() == 1);
        assertEquals(1, module.received.size(), "gives up after the first unanswered write");

        module.send("CARD-5678");
        assertEquals("CARD-5678", codes.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void theGenericProfileSendsNothing() throws Exception {
        pty = PtyPair.start(dir);
        ScriptedGm65 module = ScriptedGm65.start(pty, true);
        ScannerProfile profile = ScannerProfiles.forName("generic");
        start(profile);
        assertEquals(true, connections.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        module.send("CARD-9");
        assertEquals("CARD-9", codes.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertEquals(List.of(), module.received);
        assertEquals(SetupState.NOT_NEEDED, profile.state());
    }

    private void start(ScannerProfile profile) {
        UnitConfig.Scanner config = new UnitConfig.Scanner(UnitConfig.ScannerType.SERIAL,
                pty.devicePath().toString(), 9600, 4096, profile.name());
        scanner = new SerialScanner(config, profile);
        scanner.start(new ScannerListener() {
            @Override
            public void onFrame(Frame frame) {
                codes.add(new String(frame.bytes(), StandardCharsets.UTF_8));
            }

            @Override
            public void onConnected(boolean connected) {
                connections.add(connected);
            }
        });
    }

    @Test
    void unknownProfileNamesTheField() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ScannerProfiles.forName("gm66"));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().startsWith("scanner.profile: must be one of generic, gm65"), e.getMessage());
    }
}
