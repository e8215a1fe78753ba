package io.stampbox.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TotpConfigTest {

    private static final String SEED_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static String config(String cardPattern, String totp) {
        return """
                {"device": {"id": "unit-1", "store": "store-9"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "/var/lib/stampbox"},
                 "codes": {"cardPattern": "%s", "totp": {%s}}}
                """.formatted(cardPattern, totp);
    }

    private static final String PATTERN = "^CARD-(?<card>[0-9]{4,})\\\\.(?<totp>[0-9]+)$";

    private static List<String> errorsOf(String json) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(json)).errors();
    }

    private Path secretFile(String text, String mode) throws Exception {
        Path file = dir.resolve("totp.key");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void offWithoutASecret() throws Exception {
        assertNull(ConfigLoader.parse(config(PATTERN, "")).codes().totp());
    }

    @Test
    void aSecretFileWithDefaults() throws Exception {
        Path file = secretFile(SEED_BASE32 + "\n", "rw-r-----");
        UnitConfig.Totp totp = ConfigLoader.parse(config(PATTERN, "\"secretFile\": \"" + file + "\"")).codes().totp();
        assertArrayEquals(SEED, totp.key().bytes());
        assertEquals(30, totp.periodSeconds());
        assertEquals(6, totp.digits());
        assertFalse(totp.perCard());
    }

    @Test
    void anInlineSecretWithEveryOption() throws Exception {
        UnitConfig.Totp totp = ConfigLoader.parse(config(PATTERN, "\"secret\": \"" + SEED_BASE32
                + "\", \"periodSeconds\": 60, \"digits\": 8, \"perCard\": true")).codes().totp();
        assertEquals(60, totp.periodSeconds());
        assertEquals(8, totp.digits());
        assertTrue(totp.perCard());
        assertFalse(totp.toString().contains(SEED_BASE32));
        assertFalse(totp.key().toString().contains("1234"));
    }

    @Test
    void aWorldReadableSecretFileIsRefused() throws Exception {
        Path file = secretFile(SEED_BASE32, "rw-r--r--");
        assertEquals(List.of("codes.totp.secretFile: must not be readable by others (chmod 600 or 640), file \""
                + file + "\""), errorsOf(config(PATTERN, "\"secretFile\": \"" + file + "\"")));
    }

    @Test
    void badSecretsAreNamedButNeverShown() throws Exception {
        String shortKey = "GEZDGNBVGY3TQOJQ";
        List<String> errors = errorsOf(config(PATTERN, "\"secret\": \"" + shortKey + "\""));
        assertEquals(List.of("codes.totp.secret: the key must be at least 16 bytes (128 bits, RFC 4226), got 10"), errors);
        errors = errorsOf(config(PATTERN, "\"secret\": \"NOT-BASE32-1890SECRET\""));
        assertEquals(List.of("codes.totp.secret: not base32 (A-Z and 2-7) at character 4"), errors);
        assertFalse(String.join(" ", errors).contains("SECRET"));
    }

    @Test
    void theCardPatternMustLocateTheCardAndTheRotatingValue() {
        assertEquals(List.of("codes.cardPattern: must have the named groups card and totp when codes.totp is set, "
                + "got \"^CARD-(?<card>[0-9]+)$\""),
                errorsOf(config("^CARD-(?<card>[0-9]+)$", "\"secret\": \"" + SEED_BASE32 + "\"")));
    }

    @Test
    void secretAndSecretFileTogetherAndOutOfRangeOptions() {
        assertEquals(List.of("codes.totp.digits: must be one of 6..10, got 4",
                "codes.totp.secret: give codes.totp.secret or codes.totp.secretFile, not both"),
                errorsOf(config(PATTERN, "\"secret\": \"" + SEED_BASE32 + "\", \"secretFile\": \"/x\", \"digits\": 4")));
    }
}
