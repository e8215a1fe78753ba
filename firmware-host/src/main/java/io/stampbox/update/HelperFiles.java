package io.stampbox.update;

import io.stampbox.wire.AtomicFiles;
import io.stampbox.wire.UpdateOrder;
import io.stampbox.wire.UpdateState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files shared with the privileged helper ({@code stampbox-update-helper}, systemd/README.md), all in
 * {@code storage.dir/update/}: the daemon writes {@code package.deb} and then {@code request}
 * ({@code key=value} lines) and, once the new version works, {@code verified}; the helper writes
 * {@code result} ({@code version}, {@code state}, {@code reason}, {@code at}) when it is done.
 */
final class HelperFiles {

    static final String PACKAGE = "package.deb";
    static final String PART = "package.deb.part";
    static final String REQUEST = "request";
    static final String VERIFIED = "verified";
    static final String RESULT = "result";
    private static final int MAX_RESULT = 4096;
    /** How long a request may wait for the helper before the update fails. */
    static final Duration HELPER_WAIT = Duration.ofMinutes(5);
    static final String UNTAKEN = "the update helper did not take the request within 5 minutes (is stampbox-update.path"
            + " enabled, and storage.dir /var/lib/stampbox?)";
    private static final Logger log = LoggerFactory.getLogger(HelperFiles.class);

    private final Path dir;

    HelperFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Hands the verified package to the helper: the path unit starts it when {@code request} appears. */
    void request(UpdateOrder order, String from, long verifySeconds) throws IOException {
        String text = "version=" + order.version() + "\nfrom=" + from + "\nsha256=" + order.sha256() + "\nsize="
                + order.size() + "\nverifySeconds=" + verifySeconds + "\nsignature=" + order.signature() + "\n";
        AtomicFiles.write(file(REQUEST), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the "verified" marker; a failure is logged (the helper then reverts: nothing proved it works). */
    void verified(String version) {
        try {
            AtomicFiles.write(file(VERIFIED), (version + "\n").getBytes(StandardCharsets.UTF_8));
            log.info("update: {} works (pipeline, scanner, uplink, an acknowledged publish): verified", version);
        } catch (IOException e) {
            log.error("update: cannot write the verified marker ({}); the helper will revert", e.getMessage());
        }
    }

    /** The request has waited {@link #HELPER_WAIT} without the helper taking it. */
    boolean untaken(Instant now) {
        try {
            Path request = file(REQUEST);
            return Files.isRegularFile(request)
                    && Files.getLastModifiedTime(request).toInstant().plus(HELPER_WAIT).isBefore(now);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What the helper did: {@code state} is {@code done}, {@code reverted} or {@code failed};
     * {@code markBad} unless the helper says {@code bad=no} (a power cut is not the version's fault).
     */
    record Result(String version, String state, String reason, String at, boolean markBad) {}

    /** The helper's result, or null when there is none (yet) or it cannot be read (logged). */
    Result result(String orderedVersion) {
        Path result = file(RESULT);
        try {
            if (!Files.isRegularFile(result)) {
                return null;
            }
            if (Files.size(result) > MAX_RESULT) {
                throw new IOException("larger than " + MAX_RESULT + " bytes");
            }
            Map<String, String> fields = new HashMap<>();
            for (String line : Files.readAllLines(result, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq), printable(line.substring(eq + 1)));
                }
            }
            String state = fields.getOrDefault("state", UpdateState.FAILED);
            if (!UpdateState.DONE.equals(state) && !UpdateState.REVERTED.equals(state)) {
                state = UpdateState.FAILED;
            }
            return new Result(fields.getOrDefault("version", orderedVersion), state, fields.get("reason"),
                    fields.get("at"), UpdateState.REVERTED.equals(state) && !"no".equals(fields.get("bad")));
        } catch (IOException | RuntimeException e) {
            log.error("update: cannot read {} ({})", result, e.getMessage());
            return null;
        }
    }

    /** Removes what one update left, keeping nothing but {@code bad.json} and the order's record. */
    void clear() {
        for (String name : new String[] {PACKAGE, PART, REQUEST, VERIFIED, RESULT}) {
            try {
                Files.deleteIfExists(file(name));
            } catch (IOException ignored) {
                // the next update overwrites it
            }
        }
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(512).forEach(c -> out.append(c >= 0x20 && c != 0x7f ? Character.toString(c) : "?"));
        return out.toString();
    }
}
