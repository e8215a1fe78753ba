package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stampbox.fleet.Layer;
import io.stampbox.fleet.Layers;
import io.stampbox.wire.UnitSnapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSourcesTest {

    @Test
    void eachKeyNamesTheLayerItsValueComesFromAndSecretsStayHidden() {
        Map<String, JsonNode> file = Map.of("device.id", TextNode.valueOf("till-1"), "device.store", TextNode.valueOf("a"),
                "codes.cooldownSeconds", IntNode.valueOf(60), "mqtt.password", TextNode.valueOf("hunter2"),
                "codes.repeatWindowMs", IntNode.valueOf(1500));
        Map<String, JsonNode> booted = new java.util.HashMap<>(file);
        booted.put("device.store", TextNode.valueOf("b")); // a scanned setup code moved the unit
        Layers remote = new Layers(new Layer(5, Map.of("codes.cooldownSeconds", IntNode.valueOf(30),
                "codes.repeatWindowMs", IntNode.valueOf(2000))), new Layer(6, Map.of("codes.repeatWindowMs",
                IntNode.valueOf(2500), "codes.totp.secret", TextNode.valueOf("JBSWY3DP"))));
        Map<String, UnitSnapshot.Setting> sources = ConfigSources.of(file, booted, remote);
        assertEquals(new UnitSnapshot.Setting(TextNode.valueOf("till-1"), "file"), sources.get("device.id"));
        assertEquals(new UnitSnapshot.Setting(TextNode.valueOf("b"), "setup"), sources.get("device.store"));
        assertEquals(new UnitSnapshot.Setting(IntNode.valueOf(30), "fleet"), sources.get("codes.cooldownSeconds"));
        assertEquals(new UnitSnapshot.Setting(IntNode.valueOf(2500), "unit"), sources.get("codes.repeatWindowMs"));
        assertEquals("(set)", sources.get("mqtt.password").value().asText());
        assertEquals("(set)", sources.get("codes.totp.secret").value().asText());
        assertEquals(6, sources.size());
    }
}
