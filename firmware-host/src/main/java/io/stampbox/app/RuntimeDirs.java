package io.stampbox.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Points {@code java.io.tmpdir} at a directory of the unit's own, emptied at each start: jSerialComm
 * and lz4 extract native libraries there, lz4 leaves one behind after every abnormal exit, and a
 * system /tmp mounted noexec would stop them from loading. Runs before any of them is touched.
 */
final class RuntimeDirs {

    private RuntimeDirs() {}

    static void prepare(Path storageDir) {
        Path tmp = storageDir.resolve("tmp");
        try {
            Files.createDirectories(storageDir);
            if (Files.exists(tmp)) {
                try (Stream<Path> old = Files.walk(tmp)) {
                    old.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(tmp)).forEach(RuntimeDirs::delete);
                }
            }
            Files.createDirectories(tmp);
            System.setProperty("java.io.tmpdir", tmp.toString());
        } catch (IOException | RuntimeException e) {
            // The storage problem itself is reported by the outbox; natives then use the system tmp.
            org.slf4j.LoggerFactory.getLogger(RuntimeDirs.class)
                    .warn("cannot use {} for native libraries ({}); using {}", tmp, e, System.getProperty("java.io.tmpdir"));
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover native library: harmless, tried again at the next start
        }
    }
}
