package io.stampbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    static final String MINIMAL = """
            {"device": {"id": "unit-1", "store": "store-9"},
             "scanner": {"type": "stdin"},
             "storage": {"dir": "/var/lib/stampbox"},
             "codes": {"cardPattern": "^CARD-(?<card>[0-9]{6})$"}}
            """;

    private static List<String> errorsOf(String json) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(json)).errors();
    }

    @Test
    void minimalConfigGetsTheContractDefaults() throws Exception {
        UnitConfig c = ConfigLoader.parse(MINIMAL);
        assertEquals("unit-1", c.device().id());
        assertEquals(9600, c.scanner().baud());
        assertEquals(4096, c.scanner().maxFrameBytes());
        assertEquals("stampbox/v1", c.mqtt().topicRoot());
        assertEquals(1_000_000, c.storage().maxEvents());
        assertEquals(3000, c.codes().redeemTimeoutMs());
        assertEquals(120, c.config().rollbackSeconds());
        assertEquals(UnitConfig.Platform.GPIO, c.feedback().platform());
        assertNull(c.mqtt().url());
        assertEquals(0, c.version());
    }

    @Test
    void dottedAndNestedKeysNameTheSameField() throws Exception {
        UnitConfig c = ConfigLoader.parse("""
                {"device.id": "u", "device": {"store": "s"}, "scanner.type": "stdin",
                 "storage.dir": "/x", "codes.cardPattern": ".+", "scanner": {"baud": 115200}}""");
        assertEquals(115200, c.scanner().baud());
        assertEquals("s", c.device().store());
    }

    @Test
    void badBaudNamesFieldRuleAndValue() {
        assertEquals(List.of("scanner.baud: must be one of 1200..921600, got \"fast\""),
                errorsOf(MINIMAL.replace("\"stdin\"}", "\"stdin\", \"baud\": \"fast\"}")));
    }

    @Test
    void negativeCooldownIsRejectedWithTheValue() {
        assertEquals(List.of("codes.cooldownSeconds: must be one of 0..31622400, got -5"),
                errorsOf(MINIMAL.replace("$\"}", "$\", \"cooldownSeconds\": -5}")));
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        List<String> errors = errorsOf("""
                {"device": {"id": "bad id!", "store": "s"}, "scanner": {"type": "serial"},
                 "storage": {"dir": "/x"}, "codes": {"cardPattern": "(unclosed"},
                 "scaner": {"baud": 9600}, "feedback": {"platform": "lcd"}}""");
        assertEquals(5, errors.size(), errors.toString());
        assertTrue(errors.contains("device.id: must match [A-Za-z0-9_-]{1,64}, got \"bad id!\""), errors.toString());
        assertTrue(errors.contains("scanner.port: required"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("codes.cardPattern: not a valid regular expression")));
        assertTrue(errors.contains("scaner.baud: unknown key"), errors.toString());
        assertTrue(errors.contains("feedback.platform: must be one of gpio, console, none, got \"lcd\""));
    }

    @Test
    void missingRequiredKeysAreNamed() {
        assertEquals(List.of("device.id: required", "device.store: required", "storage.dir: required",
                "codes.cardPattern: required"), errorsOf("{\"scanner\": {\"type\": \"stdin\"}}"));
    }

    @Test
    void invalidJsonSaysWhere() {
        List<String> errors = errorsOf("{\"device\": {\"id\": }");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("config: not valid JSON:"), errors.get(0));
        assertTrue(errors.get(0).contains("line 1"), errors.get(0));
    }

    @Test
    void notAnObjectAndTrailingGarbageAreRejected() {
        assertEquals(List.of("config: must be a JSON object"), errorsOf("[1, 2]"));
        assertTrue(errorsOf(MINIMAL + " }").get(0).startsWith("config: not valid JSON"));
    }

    @Test
    void mqttUrlMustBeTcpOrSslWithHostAndPort() {
        assertEquals(List.of("mqtt.url: must be tcp://host:port or ssl://host:port, got \"http://b:80\""),
                errorsOf(MINIMAL.replace("\"storage\"", "\"mqtt\": {\"url\": \"http://b:80\"}, \"storage\"")));
        assertEquals(List.of("mqtt.url: must name a host and a port (1..65535), got \"tcp://broker\""),
                errorsOf(MINIMAL.replace("\"storage\"", "\"mqtt\": {\"url\": \"tcp://broker\"}, \"storage\"")));
    }

    @Test
    void passwordNeverAppearsInAnError() {
        List<String> errors = errorsOf(MINIMAL.replace("\"storage\"", "\"mqtt\": {\"password\": 12345678}, \"storage\""));
        assertEquals(List.of("mqtt.password: must be a string of at most 1024 characters"), errors);
    }

    @Test
    void gpioPinsMustNotCollide() {
        assertEquals(List.of("feedback.led.red: BCM pin 17 is already used by feedback.led.green"),
                errorsOf(MINIMAL.replace("\"storage\"", "\"feedback\": {\"led\": {\"red\": 17}}, \"storage\"")));
    }

    @Test
    void unreadableFileIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Path.of("/nonexistent/stampbox.json")));
        assertTrue(e.errors().get(0).startsWith("config: cannot read /nonexistent/stampbox.json"));
    }

    @Test
    void duplicateKeyThroughBothSpellingsIsRejected() {
        assertEquals(List.of("device.id: given more than once"),
                errorsOf(MINIMAL.replace("{\"device\":", "{\"device.id\": \"x\", \"device\":")));
    }
}
