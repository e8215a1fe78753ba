package io.stampbox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** init against real files: validated, 0640, atomic, safe to re-run. */
class InitCommandTest {

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int init(String... args) {
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("init", "--config", config().toString(), "--group", ""));
        all.addAll(List.of(args));
        return line.execute(all.toArray(String[]::new));
    }

    private Path config() {
        return dir.resolve("etc/config.json");
    }

    private int initWhole() {
        return init("--device-id", "till-1", "--store", "bakery-7", "--scanner-port", "/dev/stampbox-scanner",
                "--card-pattern", "^CARD-(?<card>[0-9]{4,})$", "--storage-dir", dir.resolve("data").toString(),
                "--feedback", "console", "--broker", "tcp://127.0.0.1:1883");
    }

    @Test
    void writesAValidFileReadableOnlyByOwnerAndGroup() throws Exception {
        assertEquals(0, initWhole(), err.toString());
        UnitConfig unit = ConfigLoader.load(config());
        assertEquals("till-1", unit.device().id());
        assertEquals("tcp://127.0.0.1:1883", unit.mqtt().url());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(config())));
        assertTrue(out.toString().contains("✓ wrote"), out.toString());
    }

    @Test
    void reRunningChangesOnlyWhatIsGivenAndCleansUpAHalfFinishedRun() throws Exception {
        assertEquals(0, initWhole(), err.toString());
        Path leftover = dir.resolve("etc/config.json.tmp-99999");
        Files.writeString(leftover, "{\"half\":");
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "s3cret\n");
        assertEquals(0, init("--store", "bakery-8", "--username", "till", "--password-file", secret.toString()), err.toString());
        UnitConfig unit = ConfigLoader.load(config());
        assertEquals("bakery-8", unit.device().store());
        assertEquals("till-1", unit.device().id());
        assertEquals("s3cret", unit.mqtt().password());
        assertFalse(Files.exists(leftover));
    }

    @Test
    void aPromptedPasswordIsWrittenButNeverPrinted() throws Exception {
        assertEquals(0, initWhole(), err.toString());
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("pr0mpted\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(0, init("--username", "till", "--ask-password"), err.toString());
        } finally {
            System.setIn(stdin);
        }
        assertEquals("pr0mpted", ConfigLoader.load(config()).mqtt().password());
        assertFalse(out.toString().contains("pr0mpted"));
    }

    @Test
    void anInvalidResultIsNotWrittenAndEachFieldIsNamed() throws Exception {
        assertEquals(0, initWhole(), err.toString());
        String before = Files.readString(config());
        assertEquals(2, init("--device-id", "till 1!", "--scanner-profile", "gm66"));
        assertEquals(before, Files.readString(config()));
        assertTrue(err.toString().contains("device.id: must match [A-Za-z0-9_-]{1,64}, got \"till 1!\""), err.toString());
        assertTrue(err.toString().contains("scanner.profile: must match generic, gm65 or gm65-continuous"), err.toString());
    }

    @Test
    void anUnreadableExistingFileNeedsFresh() throws Exception {
        Files.createDirectories(config().getParent());
        Files.writeString(config(), "{\"device\": ");
        assertEquals(2, initWhole());
        assertTrue(err.toString().contains("run again with --fresh"), err.toString());
        assertEquals(0, init("--fresh", "--device-id", "till-1", "--store", "b", "--scanner-type", "stdin",
                "--card-pattern", "^C(?<card>.+)$", "--storage-dir", dir.toString(), "--feedback", "none"), err.toString());
    }

    @Test
    void thePackagesDefaultConfigOnlyLacksTheUnitsIdentity() throws Exception {
        Path packaged = Path.of("src/deb/data/config.json");
        io.stampbox.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.stampbox.config.ConfigException.class, () -> ConfigLoader.load(packaged));
        assertEquals(List.of("device.id: required", "device.store: required"), e.errors());
        Files.createDirectories(config().getParent());
        Files.copy(packaged, config());
        assertEquals(0, init("--device-id", "till-1", "--store", "bakery-7"), err.toString());
        assertEquals("/dev/stampbox-scanner", ConfigLoader.load(config()).scanner().port());
    }
}
