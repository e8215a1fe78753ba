package io.stampbox.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Replaces a small file so that a power cut leaves the old or the new content, never a torn one: written
 * to a temporary file beside it ({@code <name>.tmp-<pid>}), fsynced, renamed over it, and the directory
 * fsynced. A run cut short leaves the old file whole and a temporary file that the next write deletes.
 */
public final class AtomicFiles {

    static final String TEMP_INFIX = ".tmp-";

    /** Something to do to the temporary file before it is written, e.g. set its group. */
    @FunctionalInterface
    public interface Prepare {
        void apply(Path temp) throws IOException;
    }

    private AtomicFiles() {}

    /** With the default mode (umask) of new files. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, bytes, null, temp -> { });
    }

    /**
     * @param mode the file's POSIX permissions, set on the temporary file before a byte is written
     *     (whatever the umask); null for the default
     * @param prepare run on the temporary file before it is written
     * @throws IOException naming the temporary file when it cannot be written (it is deleted then)
     */
    public static void write(Path file, byte[] bytes, Set<PosixFilePermission> mode, Prepare prepare)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String prefix = file.getFileName() + TEMP_INFIX;
        deleteLeftovers(dir, prefix);
        Path temp = dir.resolve(prefix + ProcessHandle.current().pid());
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes = mode == null ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
        try (FileChannel out = FileChannel.open(temp, options, attributes)) {
            if (mode != null) {
                Files.setPosixFilePermissions(temp, mode);
            }
            prepare.apply(temp);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new IOException("cannot write " + temp + ": " + e.getMessage(), e);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static void deleteLeftovers(Path dir, String prefix) throws IOException {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path leftover : all) {
                Files.deleteIfExists(leftover);
            }
        }
    }
}
