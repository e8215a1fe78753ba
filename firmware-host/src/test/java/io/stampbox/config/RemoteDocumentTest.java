package io.stampbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteDocumentTest {

    @Test
    void localOnlyKeysAndAMissingVersionAreNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> RemoteDocument.parse("""
                {"device": {"id": "x", "store": "s"}, "storage.dir": "/tmp", "mqtt": {"password": "p",
                 "username": "u", "tls": {"caFile": "/ca"}}, "codes.totp.secretFile": "/k",
                 "setup": {"publicKeyFile": "/etc/stampbox/other.pub"}}"""));
        assertEquals(List.of(
                "version: must be an integer >= 1, got nothing",
                "device.id: may only be set in the unit's local file, not remotely",
                "storage.dir: may only be set in the unit's local file, not remotely",
                "mqtt.password: may only be set in the unit's local file, not remotely",
                "mqtt.username: may only be set in the unit's local file, not remotely",
                "mqtt.tls.caFile: may only be set in the unit's local file, not remotely",
                "codes.totp.secretFile: may only be set in the unit's local file, not remotely",
                "setup.publicKeyFile: may only be set in the unit's local file, not remotely"), e.errors());
    }

    @Test
    void valuesAreCheckedByTheUnitsValidatorAlone() throws Exception {
        assertEquals(List.of("typo: may only be set in the unit's local file, not remotely"),
                assertThrows(ConfigException.class, () -> RemoteDocument.parse("{\"version\": 3, \"typo\": 1}")).errors());
        RemoteDocument doc = RemoteDocument.parse("{\"version\": 3, \"device\": {\"store\": \"s2\"}, "
                + "\"codes\": {\"cooldownSeconds\": -1}}");
        assertEquals(3, doc.version());
        ConfigException e = assertThrows(ConfigException.class, doc::validateAlone);
        assertEquals(List.of("codes.cooldownSeconds: must be one of 0..31622400, got -1"), e.errors());
        RemoteDocument.parse("{\"version\": 4, \"scanner\": {\"baud\": 115200}}").validateAlone();
    }

    @Test
    void layersOverrideInOrder() throws Exception {
        Map<String, com.fasterxml.jackson.databind.JsonNode> file = ConfigLoader.flatten("""
                {"device": {"id": "u1", "store": "s"}, "scanner": {"type": "stdin"}, "storage": {"dir": "/tmp/x"},
                 "codes": {"cardPattern": "^A$", "cooldownSeconds": 5}}""");
        UnitConfig c = ConfigLoader.fromLayers(file,
                ConfigLoader.flatten("{\"codes\": {\"cardPattern\": \"^B$\", \"cooldownSeconds\": 7}}"),
                ConfigLoader.flatten("{\"codes.cooldownSeconds\": 9}"), 12);
        assertEquals("^B$", c.codes().cardPattern().pattern());
        assertEquals(9, c.codes().cooldownSeconds());
        assertEquals(12, c.version());
        assertTrue(RemoteDocument.versionOf("{\"version\": 8}") == 8 && RemoteDocument.versionOf("{") == -1);
    }
}
