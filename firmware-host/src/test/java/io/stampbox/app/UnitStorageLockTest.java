package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.stampbox.testing.ProcessTest;

/**
 * One daemon per storage.dir, with real processes: a second {@code stampbox-host} on the same
 * directory exits 1 naming the first one's pid and leaves its store alone; once the first is gone
 * (even by SIGKILL) the lock is free again. And the daemon refuses root unless told.
 */
@ProcessTest
class UnitStorageLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondDaemonOnTheSameStorageDirExitsOneNamingTheFirst() throws Exception {
        Path config = UnitConfigs.stdin(dir);
        try (UnitProcess first = UnitProcess.start(config, dir)) {
            first.awaitReady();
            first.type("CARD-1111");
            assertTrue(first.awaitSignal().contains("seq=1"));
            try (UnitProcess second = UnitProcess.start(config, dir)) {
                assertEquals(Main.EXIT_FAILURE, second.awaitExit(Duration.ofSeconds(60)), second.stderr());
                assertTrue(second.stderr().contains("storage.dir " + dir.resolve("data") + " is in use by process "
                        + first.pid()), second.stderr());
            }
            first.type("CARD-2222");
            assertTrue(first.awaitSignal().contains("seq=2"), "the first daemon goes on, undisturbed");
            first.kill9();
        }
        try (UnitProcess after = UnitProcess.start(config, dir)) {
            after.awaitReady();
            after.type("CARD-3333");
            assertTrue(after.awaitSignal().contains("seq=3"), "the lock died with its process");
        }
        assertTrue(Files.exists(dir.resolve("data/.lock")));
    }

    @Test
    void rootIsRefusedUnlessAllowed() throws Exception {
        assertTrue(Main.allowRoot(new String[] {"--config", "x", "--allow-root"}, Map.of()));
        assertTrue(Main.allowRoot(new String[] {"--config", "x"}, Map.of("STAMPBOX_ALLOW_ROOT", "1")));
        assertTrue(!Main.allowRoot(new String[] {"--config", "x"}, Map.of("STAMPBOX_ALLOW_ROOT", "yes")));
        assumeTrue("0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")))
                && System.getenv("STAMPBOX_ALLOW_ROOT") == null, "not running as root");
        Path config = UnitConfigs.stdin(dir);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"--config", config.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.EXIT_FAILURE, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("refusing to run as root"), err.toString());
        assertTrue(!Files.exists(dir.resolve("data")), "nothing was created");
    }
}
