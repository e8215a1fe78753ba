package io.stampbox.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.regex.Pattern;

/**
 * The {@code codes.totp.*} keys. Rotating codes are on when {@code secretFile} (preferred) or
 * {@code secret} is given. The key is a credential: no message ever shows it.
 */
final class TotpFields {

    static final int MIN_KEY_BYTES = 16;
    private static final String SECRET = "codes.totp.secret";
    private static final String SECRET_FILE = "codes.totp.secretFile";

    private TotpFields() {}

    /** @return null when rotating codes are off */
    static UnitConfig.Totp read(ConfigFields f, Pattern cardPattern) {
        boolean inline = f.present(SECRET);
        boolean file = f.present(SECRET_FILE);
        int period = (int) f.integer("codes.totp.periodSeconds", 30, 1, 3600);
        int digits = (int) f.integer("codes.totp.digits", 6, 6, 10);
        boolean perCard = f.bool("codes.totp.perCard", false);
        if (!inline && !file) {
            return null;
        }
        if (inline && file) {
            f.error(SECRET, "give " + SECRET + " or " + SECRET_FILE + ", not both");
            return null;
        }
        checkPattern(f, cardPattern);
        byte[] key = inline ? decode(f, SECRET, f.secret(SECRET)) : fromFile(f, f.path(SECRET_FILE, true));
        return key == null ? null : new UnitConfig.Totp(new UnitConfig.Secret(key), period, digits, perCard);
    }

    private static void checkPattern(ConfigFields f, Pattern cardPattern) {
        if (cardPattern != null && !(cardPattern.pattern().contains("(?<card>")
                && cardPattern.pattern().contains("(?<totp>"))) {
            f.error("codes.cardPattern", "must have the named groups card and totp when codes.totp is set, got "
                    + ConfigFields.quote(cardPattern.pattern()));
        }
    }

    private static byte[] fromFile(ConfigFields f, Path path) {
        if (path == null) {
            return null;
        }
        try {
            if (readableByOthers(path)) {
                f.error(SECRET_FILE, "must not be readable by others (chmod 600 or 640), file "
                        + ConfigFields.quote(path.toString()));
                return null;
            }
            return decode(f, SECRET_FILE, Files.readString(path, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            f.error(SECRET_FILE, "cannot read file " + ConfigFields.quote(path.toString()) + " ("
                    + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private static boolean readableByOthers(Path path) throws IOException {
        try {
            return Files.getPosixFilePermissions(path).contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException notPosix) {
            return false;
        }
    }

    private static byte[] decode(ConfigFields f, String key, String text) {
        if (text == null) {
            return null;
        }
        try {
            byte[] bytes = Base32.decode(text);
            if (bytes.length < MIN_KEY_BYTES) {
                f.error(key, "the key must be at least " + MIN_KEY_BYTES + " bytes (" + MIN_KEY_BYTES * 8
                        + " bits, RFC 4226), got " + bytes.length);
                return null;
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            f.error(key, e.getMessage());
            return null;
        }
    }
}
