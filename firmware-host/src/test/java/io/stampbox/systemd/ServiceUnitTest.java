package io.stampbox.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stampbox.testing.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemd/stampbox.service checked by systemd itself. {@code systemd-analyze verify} insists that the
 * ExecStart binary exists, which /usr/bin/stampbox-host does not on a build machine: the test verifies a
 * copy whose ExecStart points at a stand-in script, every other line unchanged.
 */
class ServiceUnitTest {

    private static final String EXEC_START = "ExecStart=/usr/bin/stampbox-host --config /etc/stampbox/config.json";
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

    @TempDir
    Path dir;
    private String unit;

    @BeforeEach
    void readUnit() throws IOException {
        unit = Files.readString(Tools.systemdDir().resolve("stampbox.service"));
    }

    @Test
    void runsTheDaemonAsItsOwnUserWithTheWatchdog() {
        List<String> lines = unit.lines().toList();
        for (String setting : List.of(EXEC_START, "Type=notify", "NotifyAccess=all", "WatchdogSec=30s",
                "User=stampbox", "SupplementaryGroups=gpio dialout", "Restart=on-failure",
                "StateDirectory=stampbox", "RuntimeDirectory=stampbox", "ProtectSystem=strict", "NoNewPrivileges=yes", "CapabilityBoundingSet=")) {
            assertTrue(lines.contains(setting), "missing " + setting);
        }
    }

    @Test
    @ProcessTest
    void systemdAnalyzeVerifiesItWithoutAWord() throws IOException {
        assumeTrue(Tools.available("systemd-analyze", "--version"), "systemd-analyze is not installed");
        Path copy = copyWithExecStart(standIn());
        Tools.Result result = Tools.run(List.of("systemd-analyze", "verify", copy.toString()));
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().lines().noneMatch(l -> l.contains("stampbox.service")), result.output());
    }

    @Test
    @ProcessTest
    void systemdAnalyzeVerifyCatchesAMissingBinary() throws IOException {
        assumeTrue(Tools.available("systemd-analyze", "--version"), "systemd-analyze is not installed");
        Path copy = copyWithExecStart(dir.resolve("absent"));
        Tools.Result result = Tools.run(List.of("systemd-analyze", "verify", copy.toString()));
        assertNotEquals(0, result.exitCode(), result.output());
    }

    @Test
    @ProcessTest
    void exposureScoreIsOkBelowFour() throws IOException {
        assumeTrue(Tools.available("systemd-analyze", "security", "--help"), "systemd-analyze is not installed");
        Path copy = copyWithExecStart(standIn());
        Tools.Result result = Tools.run(List.of("systemd-analyze", "security", "--offline=true", copy.toString()));
        Matcher score = EXPOSURE.matcher(result.output());
        assumeTrue(score.find(), "this systemd-analyze cannot score offline: " + result.output());
        assertTrue(Double.parseDouble(score.group(1)) < 4.0, result.output());
    }

    private Path standIn() throws IOException {
        Path script = dir.resolve("stampbox-host");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private Path copyWithExecStart(Path binary) throws IOException {
        assertTrue(unit.contains(EXEC_START));
        Path copy = dir.resolve("stampbox.service");
        Files.writeString(copy, unit.replace("ExecStart=/usr/bin/stampbox-host", "ExecStart=" + binary));
        return copy;
    }
}
