package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.ProcessTest;
import io.stampbox.totp.Totp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotating card codes at the whole unit: the key from a secret file, the unit's own clock. */
@ProcessTest
class UnitRotatingCodeEndToEndTest {

    private static final String KEY_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void aLiveCodeIsAcceptedItsReplayIsARepeatAndAWrongOneIsRejected() throws Exception {
        Path key = dir.resolve("totp.key");
        Files.writeString(key, KEY_BASE32 + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"device": {"id": "e2e-unit", "store": "e2e-store"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "%s"}, "clock": {"assumeSynced": true},
                 "codes": {"cardPattern": "^CARD-(?<card>[0-9]{4,12})\\\\.(?<totp>[0-9]{6})$", "repeatWindowMs": 0,
                           "totp": {"secretFile": "%s", "perCard": true}},
                 "feedback": {"platform": "console"}}
                """.formatted(dir.resolve("data"), key));
        try (UnitProcess unit = UnitProcess.start(config, dir)) {
            unit.awaitReady();
            String live = code("00042", System.currentTimeMillis());
            unit.type(live);
            assertTrue(unit.awaitSignal().startsWith("SIGNAL accepted"), unit.seen().toString());
            // the repeat filter is off (window 0): the used-step check must catch the replay
            unit.type(live);
            assertEquals("SIGNAL repeat", unit.awaitSignal());
            unit.type(code("00043", System.currentTimeMillis() - Duration.ofMinutes(5).toMillis()));
            assertEquals("SIGNAL rejected", unit.awaitSignal());
            assertFalse(unit.stderr().contains(KEY_BASE32), "the key in the log");
            assertFalse(unit.stderr().contains(live), "a code in the log");
        }
    }

    private static String code(String card, long atMillis) {
        return "CARD-" + card + "." + Totp.value(Totp.cardKey(KEY, card), Totp.step(atMillis, 30), 6);
    }
}
