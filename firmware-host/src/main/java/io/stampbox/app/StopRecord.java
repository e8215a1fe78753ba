package io.stampbox.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Remembers across runs how the unit last stopped: a marker says "running" while the unit runs and
 * "clean" after an orderly stop, so a marker still saying "running" at start means the last run
 * crashed or lost power. Each write is durable before it returns (temp file fsynced, renamed, directory
 * fsynced), so that a power cut right after the start still leaves "running" behind, and the next start
 * says {@code crash}, not {@code unknown}.
 */
final class StopRecord {

    private static final String RUNNING = "running";
    private static final String CLEAN = "clean";

    private final Path file;

    StopRecord(Path dir) {
        this.file = dir.resolve("last-stop");
    }

    /** How the previous run ended (clean, crash, watchdog or unknown), and marks this run as running. */
    String begin() {
        String previous = read();
        write(RUNNING);
        return switch (previous) {
            case RUNNING -> "crash";
            case "" -> "unknown";
            default -> previous;
        };
    }

    void clean() {
        write(CLEAN);
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private void write(String value) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(StopRecord.class)
                    .warn("cannot record run state in {}: {}", file, e.toString());
        }
    }
}
