package io.stampbox.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The installed package's version, as dpkg records it (world-readable, so the sandboxed daemon can read it):
 * an update that changes only the package's version is still seen as the new version. dpkg writes each
 * change as a stanza in {@code updates/NNNN} first and folds them into {@code status} later, and a
 * package's postinst (which restarts the daemon) runs in between: the newest stanza wins, as in dpkg.
 */
public final class InstalledVersion {

    public static final Path DPKG = Path.of("/var/lib/dpkg");
    private static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private InstalledVersion() {}

    /** The {@code Version} of the installed {@code stampbox} package in dpkg's database {@code dir}, or {@code fallback}. */
    public static String read(Path dir, String fallback) {
        String version = stanza(dir.resolve("status"));
        try (Stream<Path> updates = Files.list(dir.resolve("updates"))) {
            List<Path> journal = updates.filter(p -> p.getFileName().toString().matches("[0-9]{1,10}"))
                    .sorted((a, b) -> Long.compare(Long.parseLong(a.getFileName().toString()),
                            Long.parseLong(b.getFileName().toString()))).toList();
            for (Path update : journal) {
                String newer = stanza(update);
                version = newer == null ? version : newer;
            }
        } catch (IOException | RuntimeException e) {
            // no journal: the status file says it all
        }
        return version == null ? fallback : version;
    }

    /** The version in the file's {@code Package: stampbox} stanza, or null. */
    private static String stanza(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
                return null;
            }
            boolean ours = false;
            String version = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isEmpty()) {
                    if (ours && version != null) {
                        return version;
                    }
                    ours = false;
                    version = null;
                } else if (line.equals("Package: stampbox")) {
                    ours = true;
                } else if (line.startsWith("Version: ")) {
                    version = line.substring("Version: ".length()).trim();
                }
            }
            return ours ? version : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
