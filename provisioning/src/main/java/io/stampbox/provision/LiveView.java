package io.stampbox.provision;

import io.stampbox.toolkit.ToolFailure;
import io.stampbox.wire.UnitSnapshot;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The running unit's live view: the {@code state.json} the daemon keeps in its runtime directory
 * (/run/stampbox under systemd, else {@code storage.dir/run}; provisioning/docs/provisioning.md "Live view"),
 * read without disturbing the unit.
 */
final class LiveView {

    static final Path SYSTEMD_FILE = Path.of("/run/stampbox/state.json");

    /** The file read and what it says. */
    record Read(Path file, UnitSnapshot snapshot, String raw) {}

    private LiveView() {}

    /** Where the view is: the given file, else /run/stampbox/state.json when there, else {@code storage.dir/run}. */
    static Path locate(Path given, Path storageDir) {
        if (given != null) {
            return given;
        }
        // the directory, not the file: a user outside group stampbox cannot see into it, and should be told so
        return Files.isDirectory(SYSTEMD_FILE.getParent()) || storageDir == null ? SYSTEMD_FILE
                : storageDir.resolve("run").resolve("state.json");
    }

    /**
     * @throws ToolFailure (exit 1) when there is no view (the unit is not running), it cannot be read
     *     (permissions: root or group stampbox), or its process is gone
     */
    static Read read(Path file, Path proc) {
        String raw;
        try {
            raw = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw ToolFailure.failed("no live view at " + file + ": the unit is not running (systemctl status"
                    + " stampbox), or it is older than this tool");
        } catch (AccessDeniedException e) {
            throw ToolFailure.failed("cannot read " + file + ": permission denied; run as root or as a member of"
                    + " group stampbox (sudo adduser $USER stampbox, then log in again)");
        } catch (IOException e) {
            throw ToolFailure.failed("cannot read " + file + ": " + e.getMessage());
        }
        UnitSnapshot snapshot;
        try {
            snapshot = UnitSnapshot.fromJson(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ToolFailure.failed(file + " is not a live view: " + e.getMessage());
        }
        if (!Files.exists(proc.resolve(Long.toString(snapshot.pid())))) {
            throw ToolFailure.failed(file + " is stale: its unit (process " + snapshot.pid() + ") is no longer"
                    + " running (systemctl status stampbox)");
        }
        return new Read(file, snapshot, raw.strip());
    }

    /** Running now, by its view: a view is there and its process is alive. */
    static boolean running(Path file, Path proc) {
        try {
            read(file, proc);
            return true;
        } catch (ToolFailure e) {
            return false;
        }
    }
}
