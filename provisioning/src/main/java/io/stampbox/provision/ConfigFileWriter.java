package io.stampbox.provision;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Set;

/**
 * Replaces the configuration file in one step: a temporary file beside it, mode 0640, the service's
 * group, synced, renamed over the old one, directory synced. A run cut short leaves the old file whole
 * and a temporary file that the next run deletes.
 */
final class ConfigFileWriter {

    static final Set<PosixFilePermission> MODE_0640 = PosixFilePermissions.fromString("rw-r-----");
    private static final String TEMP_INFIX = ".tmp-";

    private ConfigFileWriter() {}

    static void write(Path file, String text, String group, PrintWriter out) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        deleteLeftovers(dir, file.getFileName().toString() + TEMP_INFIX);
        Path temp = dir.resolve(file.getFileName() + TEMP_INFIX + ProcessHandle.current().pid());
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(MODE_0640))) {
            Files.setPosixFilePermissions(temp, MODE_0640);
            if (group != null) {
                setGroup(temp, group, out);
            }
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new IOException("cannot write " + temp + ": " + e.getMessage(), e);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static void setGroup(Path file, String group, PrintWriter out) throws IOException {
        try {
            GroupPrincipal principal = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(principal);
        } catch (UserPrincipalNotFoundException e) {
            out.println("! group " + group + " does not exist (is the stampbox package installed?): "
                    + "the file keeps its default group");
        }
    }

    private static void deleteLeftovers(Path dir, String prefix) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }
}
