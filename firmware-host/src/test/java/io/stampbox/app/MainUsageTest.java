package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code stampbox-host --help}, {@code --version} and a bad argument: what an installer types first. */
class MainUsageTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        assertEquals(0, run("--help"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("usage: stampbox-host --config FILE"), text);
        assertTrue(text.contains("--allow-root") && text.contains("Exit status"), text);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run("-h"));
    }

    @Test
    void versionNamesTheDaemon() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("stampbox-host "));
    }

    @Test
    void anUnknownArgumentIsUsageExitTwo() {
        assertEquals(2, run("--frobnicate"));
        assertEquals("stampbox-host: unknown argument: --frobnicate", err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
    }
}
