package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.stampbox.testing.ProcessTest;

/**
 * The stop record: what the next start says, and that every write is durable (seen in the syscalls of
 * a real child JVM under strace: the temp file is fsynced before the rename, the directory after it).
 */
@ProcessTest
class StopRecordTest {

    @TempDir
    Path dir;

    @Test
    void aRunThatDidNotStopCleanlyIsACrash() {
        assertEquals("unknown", new StopRecord(dir).begin());
        assertEquals("crash", new StopRecord(dir).begin());
        new StopRecord(dir).clean();
        assertEquals("clean", new StopRecord(dir).begin());
        assertTrue(Files.exists(dir.resolve("last-stop")));
        assertTrue(!Files.exists(dir.resolve("last-stop.tmp")));
    }

    @Test
    void theRecordIsFsyncedFileThenDirectory() throws Exception {
        assumeTrue(straceWorks(), "strace missing or not permitted (ptrace)");
        Path trace = dir.resolve("trace");
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Process p = new ProcessBuilder("strace", "-f", "-qq", "-y", "-o", trace.toString(),
                "-e", "trace=fsync,fdatasync,rename,renameat,renameat2",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), StopRecordChild.class.getName(), storage.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, Files.readString(dir.resolve("out")));
        assertEquals("unknown", Files.readString(dir.resolve("out")).trim());
        List<String> calls = Files.readAllLines(trace, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("last-stop") || l.contains(storage + ">")).toList();
        int fileSync = indexOf(calls, "fsync\\(\\d+<" + Pattern.quote(storage + "/last-stop.tmp") + ">\\)");
        int rename = indexOf(calls, "rename.*last-stop\\.tmp.*last-stop\"");
        int dirSync = indexOf(calls, "fsync\\(\\d+<" + Pattern.quote(storage.toString()) + ">\\)");
        assertTrue(fileSync >= 0 && rename > fileSync && dirSync > rename, String.join("\n", calls));
    }

    private static int indexOf(List<String> lines, String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = pattern.matcher(lines.get(i));
            if (m.find()) {
                return i;
            }
        }
        return -1;
    }

    private static boolean straceWorks() {
        try {
            Process p = new ProcessBuilder("strace", "-qq", "-o", "/dev/null", "true").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
