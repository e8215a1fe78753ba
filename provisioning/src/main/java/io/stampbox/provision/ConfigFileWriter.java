package io.stampbox.provision;

import io.stampbox.wire.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Set;

/**
 * Replaces the configuration file in one step with {@link AtomicFiles}: mode 0640 and the service's group
 * on the temporary file before a byte is written, then synced and renamed over the old one. A run cut
 * short leaves the old file whole and a temporary file that the next run deletes.
 */
final class ConfigFileWriter {

    static final Set<PosixFilePermission> MODE_0640 = PosixFilePermissions.fromString("rw-r-----");

    private ConfigFileWriter() {}

    static void write(Path file, String text, String group, PrintWriter out) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), MODE_0640, temp -> {
            if (group != null) {
                setGroup(temp, group, out);
            }
        });
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
}
