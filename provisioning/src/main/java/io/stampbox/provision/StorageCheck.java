package io.stampbox.provision;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** storage.dir: there (or creatable), writable with a synced write, and with enough free space. */
final class StorageCheck {

    private static final String TITLE = "storage";
    private static final long MB = 1024 * 1024;

    private final Path dir;
    private final long minFreeMb;

    StorageCheck(Path dir, long minFreeMb) {
        this.dir = dir;
        this.minFreeMb = minFreeMb;
    }

    CheckResult run() {
        Path probe = dir.resolve(".stampbox-check-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(probe, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE))) {
                channel.write(ByteBuffer.wrap(new byte[] {1}));
                channel.force(true);
            }
            long freeMb = Files.getFileStore(dir).getUsableSpace() / MB;
            if (freeMb < minFreeMb) {
                return CheckResult.fail(TITLE, dir + " has " + freeMb + " MB free, less than " + minFreeMb + " MB",
                        "free space on that file system (old logs: journalctl --vacuum-size=50M)");
            }
            return CheckResult.pass(TITLE, dir + " is writable, " + freeMb + " MB free");
        } catch (IOException | SecurityException e) {
            return CheckResult.fail(TITLE, "cannot write in " + dir + ": " + e,
                    "install -d -o stampbox -g stampbox -m 0750 " + dir + " (the package does this for /var/lib/stampbox)");
        }
    }
}
