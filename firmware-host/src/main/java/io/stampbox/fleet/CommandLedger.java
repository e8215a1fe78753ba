package io.stampbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.wire.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the unit remembers about commands (contract section 3.5), kept in
 * {@code storage.dir/config/commands.json} so it holds across restarts (a {@code restart} command's own
 * restart included): every command id seen within {@link #ID_WINDOW} (at most {@link #MAX_IDS}, oldest
 * forgotten first), and when the last {@code restart} commands ran. An id is recorded before its command
 * runs, so a command runs at most once even when the unit dies while running it.
 *
 * <p>Not thread-safe: used on the "fleet" thread only.
 */
final class CommandLedger {

    static final Duration ID_WINDOW = Duration.ofDays(7);
    static final int MAX_IDS = 2_000;
    /** At most this many {@code restart} commands within {@link #RESTART_WINDOW}: below systemd's StartLimitBurst=5/300 s. */
    static final int RESTART_LIMIT = 2;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(CommandLedger.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Instant> ids = new LinkedHashMap<>();
    private final Deque<Instant> restarts = new ArrayDeque<>();

    private CommandLedger(Path file) {
        this.file = file;
    }

    /** The ledger kept in {@code storageDir}; an unreadable one is logged and started empty. */
    static CommandLedger open(Path storageDir) {
        CommandLedger ledger = new CommandLedger(storageDir.resolve("config").resolve("commands.json"));
        try {
            ledger.load();
        } catch (IOException | RuntimeException e) {
            log.error("commands: cannot read {} ({}); remembering commands from now on", ledger.file, e.getMessage());
            ledger.ids.clear();
            ledger.restarts.clear();
        }
        return ledger;
    }

    Path file() {
        return file;
    }

    /** When the command with this id was taken, or null when it is not remembered. */
    Instant seen(String id, Instant now) {
        prune(now);
        return ids.get(id);
    }

    /**
     * Why a {@code restart} now would exceed {@link #RESTART_LIMIT}, or null when it may run.
     */
    String restartRefusal(Instant now) {
        prune(now);
        if (restarts.size() < RESTART_LIMIT) {
            return null;
        }
        Instant next = restarts.peekFirst().plus(RESTART_WINDOW);
        return "restart refused: rate limit, at most " + RESTART_LIMIT + " restart commands in "
                + RESTART_WINDOW.toMinutes() + " minutes (last at " + restarts.peekLast() + "); next allowed at " + next;
    }

    /** Records the id (and, for a restart, the time) durably, before the command runs. */
    void take(String id, boolean restart, Instant now) throws IOException {
        prune(now);
        ids.remove(id);
        ids.put(id, now);
        while (ids.size() > MAX_IDS) {
            Iterator<String> oldest = ids.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        if (restart) {
            restarts.addLast(now);
        }
        save();
    }

    private void prune(Instant now) {
        ids.values().removeIf(at -> at.isBefore(now.minus(ID_WINDOW)));
        restarts.removeIf(at -> at.isBefore(now.minus(RESTART_WINDOW)));
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        JsonNode root = JSON.readTree(file.toFile());
        root.path("ids").fields().forEachRemaining(e -> ids.put(e.getKey(), instant(e.getValue())));
        root.path("restarts").forEach(at -> restarts.addLast(instant(at)));
    }

    private static Instant instant(JsonNode node) {
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an instant: " + node, e);
        }
    }

    private void save() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode kept = root.putObject("ids");
        ids.forEach((id, at) -> kept.put(id, at.toString()));
        restarts.forEach(at -> root.withArray("restarts").add(at.toString()));
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }
}
