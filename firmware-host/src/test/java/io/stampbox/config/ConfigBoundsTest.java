package io.stampbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 items 3 and 8: bounds on every value that comes in, reserved names, secrets never echoed. */
class ConfigBoundsTest {

    private static final String BASE = "\"device\": {\"id\": \"u1\", \"store\": \"s\"}, \"scanner\": {\"type\": \"stdin\"},"
            + " \"storage\": {\"dir\": \"/tmp/x\"}, \"codes\": {\"cardPattern\": \"^A$\"}";

    private static List<String> errors(String extra) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse("{" + BASE + ", " + extra + "}")).errors();
    }

    private static List<String> replacing(String from, String to) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(("{" + BASE + "}").replace(from, to)))
                .errors();
    }

    @Test
    void aDeeplyNestedDocumentIsAPreciseErrorNotACrash() {
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        List<String> errors = assertThrows(ConfigException.class, () -> ConfigLoader.flatten(deep)).errors();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("config: not valid JSON: Document nesting depth"), errors.get(0));
        // A remote one too: the version cannot be found, but nothing throws.
        assertEquals(-1, RemoteDocument.versionOf(deep));
        assertThrows(ConfigException.class, () -> RemoteDocument.parse(deep));
    }

    @Test
    void aHugeDocumentOrStringIsRefusedBeforeItIsKept() {
        String big = "x".repeat(ConfigLoader.MAX_DOCUMENT_CHARS);
        assertEquals(List.of("config: larger than 65536 characters (65556)"),
                assertThrows(ConfigException.class, () -> ConfigLoader.flatten("{\"device.store\": \"" + big + "\"}"))
                        .errors());
        assertEquals(List.of("device.store: must be at most 1024 characters, got 5000"),
                replacing("\"store\": \"s\"", "\"store\": \"" + "s".repeat(5000) + "\""));
    }

    @Test
    void topicRootsAreBoundedPrintableAndNotReserved() {
        assertEquals(List.of("mqtt.topicRoot: must match 1 to 8 levels of 1 to 64 printable ASCII characters without +, #,"
                + " spaces or empty levels, not starting with $, got \"" + "r".repeat(120) + "…(1000 chars)\""),
                errors("\"mqtt.topicRoot\": \"" + "r".repeat(1000) + "\""));
        for (String bad : new String[] {"$SYS/x", "a/+/b", "a/#", "a//b", "a b", "a/\\u0007", "/a", "a\\n"}) {
            assertEquals(1, errors("\"mqtt.topicRoot\": \"" + bad + "\"").size(), bad);
        }
        assertEquals(List.of("mqtt.topicRoot: the level \"_fleet\" is reserved, got \"x/_fleet\""),
                errors("\"mqtt.topicRoot\": \"x/_fleet\""));
    }

    @Test
    void fleetIsNotAUnitIdAndStoresHaveNoControlCharacters() {
        assertEquals(List.of("device.id: \"_fleet\" is reserved for fleet-wide topics"),
                assertThrows(ConfigException.class, () -> ConfigLoader.parse(("{" + BASE + "}")
                        .replace("\"id\": \"u1\"", "\"id\": \"_fleet\""))).errors());
        List<String> store = replacing("\"store\": \"s\"", "\"store\": \"ok\\nERROR forged\"");
        assertEquals(1, store.size());
        assertTrue(store.get(0).endsWith("got \"ok\\u000aERROR forged\""), store.get(0));
    }

    @Test
    void toolsLevelIsReservedAndPathsHaveNoControlCharacters() {
        assertEquals(List.of("device.id: \"_cli\" is reserved for the tools' topics"),
                replacing("\"id\": \"u1\"", "\"id\": \"_cli\""));
        assertEquals(List.of("scanner.port: must be a device path, got \"/dev/tty\\u000aERROR x\""),
                errors("\"scanner.port\": \"/dev/tty\\nERROR x\""));
    }

    @Test
    void aUrlWithCredentialsIsRefusedAndNeverEchoed() {
        List<String> e = errors("\"mqtt.url\": \"ssl://admin:hunter2@broker:8883\"");
        assertEquals(List.of("mqtt.url: must not carry a user name or password (set mqtt.username and mqtt.password),"
                + " got \"ssl://***@broker:8883\""), e);
        assertFalse(e.toString().contains("hunter2"));
    }

    @Test
    void aCooldownCannotOverflowIntoNoCooldown() {
        assertEquals(List.of("codes.cooldownSeconds: must be one of 0..31622400, got 9223372036854775"),
                errors("\"codes.cooldownSeconds\": 9223372036854775"));
    }

    @Test
    void anMtlsKeyOpenToOthersIsRefused(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.crt"), "x");
        Path key = Files.writeString(dir.resolve("c.key"), "x");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw-rw-"));
        String tls = "\"mqtt.tls\": {\"certFile\": \"" + cert + "\", \"keyFile\": \"" + key + "\"}";
        assertEquals(List.of("mqtt.tls.keyFile: must not be readable or writable by others (chmod 600 or 640), file \""
                + key + "\""), errors(tls).subList(0, 1));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        ConfigLoader.parse("{" + BASE + ", " + tls + "}");
    }

    @Test
    void printableEscapesAndCuts() {
        assertEquals("a\\u000aERROR x\\\\y…(40 chars)", Printable.escape("a\nERROR x\\y" + "z".repeat(29), 11));
    }
}
