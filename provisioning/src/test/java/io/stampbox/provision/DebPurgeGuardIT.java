package io.stampbox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stampbox.outbox.MapDbOutbox;
import io.stampbox.outbox.StoredEvent;
import io.stampbox.testing.ProcessTest;
import io.stampbox.wire.ScanEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package's own prerm and postrm, run for real against a system root of their own ({@code DPKG_ROOT},
 * as dpkg sets it for {@code --root}): a purge keeps an outbox that held unsent scans at removal, says so,
 * and goes ahead only when forced.
 */
@ProcessTest
class DebPurgeGuardIT {

    @TempDir
    Path dir;
    private Path control;
    private Path tree;
    private Path system;
    private Path state;

    private record Result(int exit, String output) {}

    @BeforeEach
    void unpack() throws Exception {
        assumeTrue(run(List.of("dpkg-deb", "--version"), Map.of()).exit == 0, "dpkg-deb is not installed");
        Path deb = null;
        try (DirectoryStream<Path> debs = Files.newDirectoryStream(Path.of("target"), "stampbox_*_all.deb")) {
            for (Path candidate : debs) {
                deb = candidate;
            }
        }
        assertTrue(deb != null, "no target/stampbox_*_all.deb: run mvn package first");
        control = dir.resolve("control");
        tree = dir.resolve("tree");
        assertEquals(0, run(List.of("dpkg-deb", "--control", deb.toString(), control.toString()), Map.of()).exit);
        assertEquals(0, run(List.of("dpkg-deb", "-x", deb.toString(), tree.toString()), Map.of()).exit);
        system = dir.resolve("system");
        state = system.resolve("var/lib/stampbox");
        Files.createDirectories(system.resolve("etc/stampbox"));
        Files.writeString(system.resolve("etc/stampbox/config.json"), "{\"device\": {\"id\": \"till-1\"}}");
    }

    private Result script(String name, String arg, Map<String, String> env) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("DPKG_ROOT", system.toString());
        all.put("PATH", tree.resolve("usr/bin") + ":" + System.getenv("PATH"));
        return run(List.of("sh", control.resolve(name).toString(), arg), all);
    }

    private void outbox(int events, long acknowledged) throws Exception {
        try (MapDbOutbox outbox = MapDbOutbox.open(state.resolve("outbox"), 1000, Clock.systemUTC())) {
            List<StoredEvent> batch = new ArrayList<>();
            for (long seq = 1; seq <= events; seq++) {
                batch.add(new StoredEvent(seq, new ScanEvent(ScanEvent.SCHEMA, "e-" + seq, "till-1", "s", seq,
                        ScanEvent.KIND_STAMP, "c" + seq, "CARD-" + seq, "qr", "2026-11-30T10:00:00Z", true, 0, null).toJson()));
            }
            outbox.append(batch, Map.of());
            outbox.acknowledgeThrough(acknowledged);
        }
    }

    @Test
    void aPurgeKeepsUnsentScansAndSaysHowToSendOrDeleteThem() throws Exception {
        outbox(5, 2);
        assertEquals(0, script("prerm", "remove", Map.of()).exit);
        assertEquals("3", Files.readString(state.resolve(".unsent-at-remove")).strip());
        assertTrue(Files.exists(state.resolve("config.json.at-remove")), "the config is kept for a reinstall");
        Result refused = script("postrm", "purge", Map.of());
        assertEquals(1, refused.exit, refused.output);
        assertEquals(List.of(
                "stampbox: purge refused: " + state + "/outbox holds 3 scans not yet published; nothing was deleted there.",
                "stampbox: to publish them: apt install stampbox, cp " + state + "/config.json.at-remove"
                        + " /etc/stampbox/config.json, systemctl start stampbox (or stampbox-provision outbox --export"
                        + " FILE with the service stopped).",
                "stampbox: to delete them anyway: STAMPBOX_PURGE_FORCE=1 apt purge stampbox (or touch " + state
                        + "/purge-unsent-scans, then apt purge stampbox)."), refused.output.lines().toList());
        assertTrue(Files.isDirectory(state.resolve("outbox")), "nothing deleted");
        Result forced = script("postrm", "purge", Map.of("STAMPBOX_PURGE_FORCE", "1"));
        assertEquals(0, forced.exit, forced.output);
        assertFalse(Files.exists(state), "forced: deleted");
    }

    @Test
    void aFlagFileForcesToo() throws Exception {
        outbox(1, 0);
        assertEquals(0, script("prerm", "remove", Map.of()).exit);
        assertEquals(1, script("postrm", "purge", Map.of()).exit);
        Files.createFile(state.resolve("purge-unsent-scans"));
        assertEquals(0, script("postrm", "purge", Map.of()).exit);
        assertFalse(Files.exists(state));
    }

    @Test
    void anOutboxWithEverythingPublishedIsPurgedAsBefore() throws Exception {
        outbox(4, 4);
        assertEquals(0, script("prerm", "remove", Map.of()).exit);
        assertEquals("0", Files.readString(state.resolve(".unsent-at-remove")).strip());
        Result purge = script("postrm", "purge", Map.of());
        assertEquals(0, purge.exit, purge.output);
        assertFalse(Files.exists(state));
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), command + " did not finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(process.exitValue(), output);
    }
}
