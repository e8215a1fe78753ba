package io.stampbox.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stampbox.testing.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The update helper's units and script (issue 13): what they promise in systemd/README.md, checked by
 * systemd-analyze and sh. What the helper does is checked end to end in the rig (provisioning/rig/update-checks.sh).
 */
class UpdateUnitsTest {

    private static final String HELPER = "/usr/lib/stampbox/stampbox-update-helper";

    @TempDir
    Path dir;

    private static String read(String name) throws IOException {
        return Files.readString(Tools.systemdDir().resolve(name));
    }

    @Test
    void thePathUnitWatchesTheDaemonsRequestAndTheServiceIsSandboxed() throws IOException {
        List<String> path = read("stampbox-update.path").lines().toList();
        assertTrue(path.contains("PathExists=/var/lib/stampbox/update/request"), "watches the request");
        assertTrue(path.contains("Unit=stampbox-update.service"));
        List<String> service = read("stampbox-update.service").lines().toList();
        for (String setting : List.of("Type=exec", "ExecStart=" + HELPER, "PrivateNetwork=yes",
                "RestrictAddressFamilies=AF_UNIX", "PrivateDevices=yes", "ProtectHome=yes", "NoNewPrivileges=yes",
                "ConditionPathExists=|/var/lib/stampbox-update/state", "StateDirectory=stampbox-update",
                "CapabilityBoundingSet=CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID")) {
            assertTrue(service.contains(setting), "missing " + setting);
        }
        assertTrue(service.stream().noneMatch(l -> l.startsWith("User=")), "dpkg needs root");
    }

    @Test
    @ProcessTest
    void systemdAnalyzeVerifiesBothUnits() throws IOException {
        assumeTrue(Tools.available("systemd-analyze", "--version"), "systemd-analyze is not installed");
        Path helper = Files.copy(Tools.systemdDir().resolve("stampbox-update-helper"), dir.resolve("helper"));
        assertTrue(helper.toFile().setExecutable(true));
        Files.writeString(dir.resolve("stampbox-update.service"), read("stampbox-update.service").replace(HELPER,
                helper.toString()));
        Files.writeString(dir.resolve("stampbox-update.path"), read("stampbox-update.path"));
        Tools.Result result = Tools.run(List.of("systemd-analyze", "verify",
                dir.resolve("stampbox-update.path").toString(), dir.resolve("stampbox-update.service").toString()));
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().lines().noneMatch(l -> l.contains("stampbox-update")), result.output());
    }

    @Test
    @ProcessTest
    void theHelperIsPosixShell() throws IOException {
        Path helper = Tools.systemdDir().resolve("stampbox-update-helper");
        assertTrue(Files.isExecutable(helper), "shipped executable");
        Tools.Result syntax = Tools.run(List.of("sh", "-n", helper.toString()));
        assertEquals(0, syntax.exitCode(), syntax.output());
        if (Tools.available("shellcheck", "--version")) {
            Tools.Result lint = Tools.run(List.of("shellcheck", "-s", "sh", "-S", "warning", helper.toString()));
            assertEquals(0, lint.exitCode(), lint.output());
        }
    }
}
