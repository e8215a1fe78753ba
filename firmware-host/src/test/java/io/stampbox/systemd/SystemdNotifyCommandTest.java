package io.stampbox.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command adapter against a stand-in {@code systemd-notify} script: arguments, exit codes. */
class SystemdNotifyCommandTest {

    @TempDir
    Path dir;

    private Path script(String body) throws IOException {
        Path script = dir.resolve("systemd-notify");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void passesEachAssignmentAsOneArgument() throws Exception {
        Path out = dir.resolve("args");
        Path script = script("for a in \"$@\"; do echo \"$a\" >> " + out + "; done");
        new SystemdNotifyCommand(script.toString()).send(List.of("READY=1", "STATUS=taking scans"));
        assertEquals(List.of("READY=1", "STATUS=taking scans"), Files.readAllLines(out));
    }

    @Test
    void aFailureNamesTheCommandAndItsMessage() throws Exception {
        Path script = script("echo 'Failed to notify init system: No such file or directory'; exit 1");
        IOException e = assertThrows(IOException.class,
                () -> new SystemdNotifyCommand(script.toString()).send(List.of("WATCHDOG=1")));
        assertTrue(e.getMessage().contains("exited 1: Failed to notify init system"), e.getMessage());
    }

    @Test
    void aMissingCommandIsAnIoException() {
        assertThrows(IOException.class,
                () -> new SystemdNotifyCommand(dir.resolve("absent").toString()).send(List.of("READY=1")));
    }
}
