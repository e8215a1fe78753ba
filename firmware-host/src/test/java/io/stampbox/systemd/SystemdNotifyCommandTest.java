package io.stampbox.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stampbox.testing.Await;
import io.stampbox.testing.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command adapter against a stand-in {@code systemd-notify} script: arguments, exit codes. */
@ProcessTest
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

    /**
     * The real systemd-notify against a datagram socket bound by python3 standing in for the manager
     * (Java cannot bind one): the message arrives and the tool's barrier returns.
     */
    @Test
    void theRealSystemdNotifyDeliversToTheNotifySocket() throws Exception {
        assumeTrue(Tools.available("systemd-notify", "--version"), "systemd-notify is not installed");
        assumeTrue(Tools.available("python3", "--version"), "python3 is not installed: no stand-in manager");
        Path socket = dir.resolve("notify");
        Process manager = new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket, sys",
                "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
                "s.bind(sys.argv[1])",
                "s.settimeout(10)",
                "for _ in range(2): print(s.recv(4096).decode(), flush=True)"), socket.toString())
                .redirectErrorStream(true).start();
        try {
            Await.until("the stand-in manager to bind " + socket, Await.TIMEOUT, () -> {
                assertTrue(manager.isAlive(), "the stand-in manager exited before it bound");
                return Files.exists(socket);
            });
            new SystemdNotifyCommand("systemd-notify", Map.of("NOTIFY_SOCKET", socket.toString()))
                    .send(List.of("READY=1", "STATUS=taking scans"));
            assertTrue(manager.waitFor(10, TimeUnit.SECONDS));
            String received = new String(manager.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(List.of("READY=1", "STATUS=taking scans", "BARRIER=1"), received.lines().toList());
        } finally {
            manager.destroyForcibly();
        }
    }

    @Test
    void aMissingCommandIsAnIoException() {
        assertThrows(IOException.class,
                () -> new SystemdNotifyCommand(dir.resolve("absent").toString()).send(List.of("READY=1")));
    }
}
