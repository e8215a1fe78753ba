package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as a newcomer meets it in the demo: stdin scanner, console signals. */
@ProcessTest
@SlowTest
class UnitStdinEndToEndTest {

    static final Pattern ACCEPTED = Pattern.compile(
            "SIGNAL accepted event=([0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}) seq=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void acceptsRepeatsRejectsAndStopsCleanlyOnSigterm() throws Exception {
        Path config = UnitConfigs.stdin(dir);
        try (UnitProcess unit = UnitProcess.start(config, dir)) {
            unit.awaitReady();
            unit.type("CARD-1234");
            Matcher first = ACCEPTED.matcher(unit.awaitSignal());
            assertTrue(first.matches(), unit.seen().toString());
            assertEquals("1", first.group(2));
            unit.type("CARD-1234");
            assertEquals("SIGNAL repeat", unit.awaitSignal());
            unit.type("hello world");
            assertEquals("SIGNAL rejected", unit.awaitSignal());
            unit.type("VCH-WELCOME");
            assertEquals("SIGNAL voucher-unverified", unit.awaitSignal());
            unit.type("CARD-5678");
            Matcher second = ACCEPTED.matcher(unit.awaitSignal());
            assertTrue(second.matches());
            assertEquals("2", second.group(2));
            unit.signal("TERM");
            assertEquals(0, unit.awaitExit(Duration.ofSeconds(20)), unit.stderr());
            assertFalse(unit.stderr().contains("CARD-1234"), "full card code in the log: " + unit.stderr());
        }
        try (UnitProcess again = UnitProcess.start(config, dir)) {
            again.awaitReady();
            again.type("CARD-9999");
            Matcher third = ACCEPTED.matcher(again.awaitSignal());
            assertTrue(third.matches());
            assertEquals("3", third.group(2), "seq continues across restarts");
            again.signal("INT");
            assertEquals(0, again.awaitExit(Duration.ofSeconds(20)));
        }
    }

    @Test
    void aConfigErrorExitsTwoNamingTheField() throws Exception {
        Path config = UnitConfigs.write(dir, "{\"type\": \"serial\", \"port\": \"/dev/null\", \"baud\": \"fast\"}", "");
        try (UnitProcess unit = UnitProcess.start(config, dir)) {
            assertEquals(2, unit.awaitExit(Duration.ofSeconds(20)));
            assertTrue(unit.stderr().contains("scanner.baud: must be one of 1200..921600, got \"fast\""), unit.stderr());
        }
    }
}
