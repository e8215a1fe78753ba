package io.stampbox.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Users and groups from /etc/passwd and /etc/group, to tell what the service user may open. */
final class Accounts {

    private final Path passwd;
    private final Path group;

    Accounts(Path passwd, Path group) {
        this.passwd = passwd;
        this.group = group;
    }

    /** The user's group names (primary and supplementary), or empty when there is no such user. */
    Optional<Set<String>> groupsOf(String user) throws IOException {
        Optional<String[]> entry = entry(passwd, user);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String primaryGid = entry.get()[3];
        Set<String> groups = new HashSet<>();
        for (String line : Files.readAllLines(group)) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 4 && (fields[2].equals(primaryGid) || List.of(fields[3].split(",")).contains(user))) {
                groups.add(fields[0]);
            }
        }
        return Optional.of(groups);
    }

    boolean isRoot(String user) throws IOException {
        return entry(passwd, user).map(f -> f[2].equals("0")).orElse(false);
    }

    /** Whether {@code user} may read and write a file with these attributes. */
    boolean canReadWrite(String user, Set<String> groups, PosixFileAttributes file) throws IOException {
        if (isRoot(user)) {
            return true;
        }
        Set<PosixFilePermission> mode = file.permissions();
        if (file.owner().getName().equals(user)) {
            return mode.contains(PosixFilePermission.OWNER_READ) && mode.contains(PosixFilePermission.OWNER_WRITE);
        }
        if (groups.contains(file.group().getName())) {
            return mode.contains(PosixFilePermission.GROUP_READ) && mode.contains(PosixFilePermission.GROUP_WRITE);
        }
        return mode.contains(PosixFilePermission.OTHERS_READ) && mode.contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static Optional<String[]> entry(Path file, String name) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 4 && fields[0].equals(name)) {
                return Optional.of(fields);
            }
        }
        return Optional.empty();
    }
}
