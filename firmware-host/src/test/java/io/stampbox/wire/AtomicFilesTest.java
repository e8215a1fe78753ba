package io.stampbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replacing a file in one step, on a real file system. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private long temporaries() throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(p -> p.getFileName().toString().contains(AtomicFiles.TEMP_INFIX)).count();
        }
    }

    @Test
    void writesReplacesAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("sub/applied.json");
        AtomicFiles.write(file, bytes("one"));
        assertEquals("one", Files.readString(file));
        AtomicFiles.write(file, bytes("two"));
        assertEquals("two", Files.readString(file));
        assertEquals(0, temporaries());
    }

    @Test
    void aLeftoverOfACutRunIsDeleted() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(dir.resolve("config.json.tmp-99999"), "half");
        Files.writeString(dir.resolve("other.json.tmp-99999"), "not ours");
        AtomicFiles.write(file, bytes("{}"));
        assertFalse(Files.exists(dir.resolve("config.json.tmp-99999")));
        assertTrue(Files.exists(dir.resolve("other.json.tmp-99999")));
    }

    @Test
    void theModeIsSetWhateverTheUmask() throws IOException {
        Path file = dir.resolve("config.json");
        AtomicFiles.write(file, bytes("{}"), PosixFilePermissions.fromString("rw-r-----"), temp -> { });
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aFailedWriteKeepsTheOldFileWhole() throws IOException {
        Path file = dir.resolve("config.json");
        AtomicFiles.write(file, bytes("old"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, bytes("new"), null, temp -> {
            throw new IOException("no such group");
        }));
        assertTrue(e.getMessage().contains("config.json.tmp-") && e.getMessage().endsWith("no such group"), e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(0, temporaries());
    }
}
