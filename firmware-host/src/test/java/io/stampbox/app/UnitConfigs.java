package io.stampbox.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Config files for end-to-end tests. */
final class UnitConfigs {

    private UnitConfigs() {}

    /**
     * A unit with console signals, card pattern {@code CARD-<id>}, voucher pattern {@code VCH-<id>} and
     * the given scanner section; {@code extra} is spliced in as more top-level JSON members.
     */
    static Path write(Path dir, String scanner, String extra) throws IOException {
        return write(dir, scanner, "", extra);
    }

    /** As {@link #write(Path, String, String)}, with {@code feedbackExtra} spliced into the feedback section. */
    static Path write(Path dir, String scanner, String feedbackExtra, String extra) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("config.json");
        Files.writeString(file, """
                {"device": {"id": "e2e-unit", "store": "e2e-store"},
                 "scanner": %s,
                 "storage": {"dir": "%s"},
                 "codes": {"cardPattern": "^CARD-(?<card>[A-Z0-9]{4,32})$",
                           "voucherPattern": "^VCH-(?<voucher>[A-Z0-9]{4,32})$",
                           "repeatWindowMs": 1500},
                 "feedback": {"platform": "console"%s}%s}
                """.formatted(scanner, dir.resolve("data"), feedbackExtra.isEmpty() ? "" : ", " + feedbackExtra,
                        extra.isEmpty() ? "" : ", " + extra),
                StandardCharsets.UTF_8);
        return file;
    }

    static Path stdin(Path dir) throws IOException {
        return write(dir, "{\"type\": \"stdin\"}", "");
    }
}
