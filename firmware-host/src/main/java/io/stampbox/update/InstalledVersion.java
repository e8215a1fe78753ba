package io.stampbox.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installed package's version, read from dpkg's status file (world-readable, so the sandboxed daemon
 * can read it): an update that changes only the package's version is still seen as the new version.
 */
public final class InstalledVersion {

    public static final Path DPKG_STATUS = Path.of("/var/lib/dpkg/status");
    private static final long MAX_STATUS_BYTES = 64L * 1024 * 1024;

    private InstalledVersion() {}

    /** The {@code Version} of the installed {@code stampbox} package in {@code status}, or {@code fallback}. */
    public static String read(Path status, String fallback) {
        try {
            if (!Files.isRegularFile(status) || Files.size(status) > MAX_STATUS_BYTES) {
                return fallback;
            }
            boolean ours = false;
            String version = null;
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
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
            return ours && version != null ? version : fallback;
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }
}
