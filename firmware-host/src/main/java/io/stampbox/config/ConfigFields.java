package io.stampbox.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads typed values out of a flattened configuration ({@code "scanner.baud"} to its JSON value),
 * collecting one message per problem instead of stopping at the first. Every key read is remembered,
 * so that what was never read can be reported as unknown.
 */
final class ConfigFields {

    /** The longest value any string key may have (an id, a pattern, a path, a URL). */
    static final int MAX_STRING = 1024;

    private final Map<String, JsonNode> values;
    private final List<String> errors = new ArrayList<>();
    private final Set<String> known = new HashSet<>();

    ConfigFields(Map<String, JsonNode> values) {
        this.values = values;
    }

    List<String> errors() {
        return errors;
    }

    void error(String key, String message) {
        errors.add(key + ": " + message);
    }

    boolean present(String key) {
        known.add(key);
        JsonNode node = values.get(key);
        return node != null && !node.isNull();
    }

    /** The raw value of a key that {@link #present} found (lists are kept whole, not flattened). */
    JsonNode node(String key) {
        known.add(key);
        return values.get(key);
    }

    /** Keys in the document that no field asked for. */
    List<String> unknownKeys() {
        return values.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
    }

    String string(String key, String fallback, boolean required) {
        if (!present(key)) {
            if (required) {
                error(key, "required");
            }
            return fallback;
        }
        JsonNode node = values.get(key);
        if (!node.isTextual()) {
            error(key, "must be a string, got " + Printable.escape(node.toString(), 80));
            return fallback;
        }
        if (node.textValue().length() > MAX_STRING) {
            error(key, "must be at most " + MAX_STRING + " characters, got " + node.textValue().length());
            return fallback;
        }
        return node.textValue();
    }

    /** A secret: its value never appears in a message. */
    String secret(String key) {
        if (!present(key)) {
            return null;
        }
        JsonNode node = values.get(key);
        if (!node.isTextual() || node.textValue().length() > MAX_STRING) {
            error(key, "must be a string of at most " + MAX_STRING + " characters");
            return null;
        }
        return node.textValue();
    }

    String matching(String key, String fallback, boolean required, Pattern rule, String ruleText) {
        String value = string(key, null, required);
        if (value == null) {
            return fallback;
        }
        if (!rule.matcher(value).matches()) {
            error(key, "must match " + ruleText + ", got " + quote(value));
            return fallback;
        }
        return value;
    }

    /** An integer in min..max; {@code max == Long.MAX_VALUE} means no upper bound. */
    long integer(String key, long fallback, long min, long max) {
        if (!present(key)) {
            return fallback;
        }
        JsonNode node = values.get(key);
        String rule = max == Long.MAX_VALUE ? ">= " + min : "one of " + min + ".." + max;
        if (!node.isIntegralNumber() || !node.canConvertToLong()
                || node.longValue() < min || node.longValue() > max) {
            error(key, "must be " + rule + ", got " + Printable.escape(node.toString(), 40));
            return fallback;
        }
        return node.longValue();
    }

    boolean bool(String key, boolean fallback) {
        if (!present(key)) {
            return fallback;
        }
        JsonNode node = values.get(key);
        if (!node.isBoolean()) {
            error(key, "must be true or false, got " + Printable.escape(node.toString(), 40));
            return fallback;
        }
        return node.booleanValue();
    }

    /** One of the enum's constants, written in lower case in the file. */
    <E extends Enum<E>> E choice(String key, E fallback, Class<E> type) {
        if (!present(key)) {
            return fallback;
        }
        JsonNode node = values.get(key);
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (node.isTextual() && constant.name().toLowerCase(Locale.ROOT).equals(node.textValue())) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : constants) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        error(key, "must be one of " + String.join(", ", names) + ", got " + Printable.escape(node.toString(), 40));
        return fallback;
    }

    Pattern regex(String key, boolean required) {
        String value = string(key, null, required);
        if (value == null) {
            return null;
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            error(key, "not a valid regular expression (" + e.getDescription() + " near index "
                    + e.getIndex() + "), got " + quote(value));
            return null;
        }
    }

    Path path(String key, boolean required) {
        String value = string(key, null, required);
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            error(key, "must be a file system path, got " + quote(value));
            return null;
        }
        return Path.of(value);
    }

    /** A path to a file that must exist and be readable now. */
    Path readableFile(String key) {
        Path path = path(key, false);
        if (path != null && !Files.isReadable(path)) {
            error(key, "cannot read file " + quote(path.toString()));
            return null;
        }
        return path;
    }

    /**
     * A private key file: it must exist, be readable, and be neither readable nor writable by others
     * (a key of mode 0666 is refused, as the rotating-code secret file is).
     */
    Path privateFile(String key) {
        Path path = readableFile(key);
        if (path != null && openToOthers(path)) {
            error(key, "must not be readable or writable by others (chmod 600 or 640), file "
                    + quote(path.toString()));
            return null;
        }
        return path;
    }

    static boolean openToOthers(Path path) {
        try {
            Set<java.nio.file.attribute.PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            return mode.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                    || mode.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | java.io.IOException notPosix) {
            return false;
        }
    }

    /** A value for a message: quoted, escaped (no control characters or line breaks), and cut short. */
    static String quote(String value) {
        return "\"" + Printable.escape(value, 120).replace("\"", "\\\"") + "\"";
    }
}
