package io.stampbox.provision;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which processes hold files under a directory open, from {@code /proc/<pid>/fd}: the running unit, typically. */
final class OutboxUsers {

    private OutboxUsers() {}

    static List<Long> holding(Path dir, Path proc) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        long self = ProcessHandle.current().pid();
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && holds(process.resolve("fd"), target)) {
                    pids.add(pid);
                }
            }
        }
        return pids;
    }

    private static boolean holds(Path fds, Path target) {
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path link : links) {
                if (Files.readSymbolicLink(link).startsWith(target)) {
                    return true;
                }
            }
        } catch (IOException | SecurityException e) {
            // the process ended, or is not ours to look at (run as root to see all)
        }
        return false;
    }
}
