package io.stampbox.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.wire.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nonces of the setup codes this unit took, kept in {@code storage.dir/config/setup-nonces.json} with
 * the code's expiry: a used code is rejected until it expires (and then its expiry rejects it). At most
 * {@link #MAX} are kept, oldest first out; a code is never valid longer than {@link SetupCodes#MAX_VALIDITY}.
 */
final class SetupNonces {

    static final int MAX = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Instant> used = new LinkedHashMap<>();

    private SetupNonces(Path file) {
        this.file = file;
    }

    /** @throws IOException when the kept nonces cannot be read: no code may then be taken */
    static SetupNonces open(Path storageDir) throws IOException {
        SetupNonces nonces = new SetupNonces(storageDir.resolve("config").resolve("setup-nonces.json"));
        if (Files.exists(nonces.file)) {
            try {
                JsonNode root = JSON.readTree(nonces.file.toFile());
                root.path("used").fields().forEachRemaining(e -> nonces.used.put(e.getKey(),
                        Instant.parse(e.getValue().asText())));
            } catch (DateTimeParseException | IOException e) {
                throw new IOException(nonces.file + ": " + e.getMessage(), e);
            }
        }
        return nonces;
    }

    Path file() {
        return file;
    }

    boolean used(String nonce) {
        return used.containsKey(nonce);
    }

    /** Remembers the nonce durably (until {@code expiresAt}), forgetting expired ones. */
    void use(String nonce, Instant expiresAt, Instant now) throws IOException {
        used.values().removeIf(at -> at.isBefore(now));
        used.put(nonce, expiresAt);
        while (used.size() > MAX) {
            used.remove(used.keySet().iterator().next());
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode kept = root.putObject("used");
        used.forEach((n, at) -> kept.put(n, at.toString()));
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }
}
