package io.stampbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mqtt.urls}, {@code mqtt.preset} and {@code mqtt.rate.*}: defaults, rules, precise messages. */
class BrokerListKeysTest {

    private static final String BASE = """
            {"device": {"id": "u", "store": "s"}, "scanner": {"type": "stdin"}, "storage": {"dir": "/x"},
             "codes": {"cardPattern": ".+"}%s}""";

    private static UnitConfig parse(String extra) throws ConfigException {
        return ConfigLoader.parse(BASE.formatted(extra));
    }

    private static List<String> errors(String extra) {
        return assertThrows(ConfigException.class, () -> parse(extra)).errors();
    }

    @Test
    void aListIsTriedInOrderAndTheFirstIsTheUrl() throws Exception {
        UnitConfig.Mqtt m = parse(", \"mqtt\": {\"urls\": [\"tcp://a:1883\", \"tcp://b:1883\", \"tcp://c:1884\"]}").mqtt();
        assertEquals(List.of("tcp://a:1883", "tcp://b:1883", "tcp://c:1884"), m.urls());
        assertEquals("tcp://a:1883", m.url());
    }

    @Test
    void oneUrlIsTheOneElementList() throws Exception {
        assertEquals(List.of("ssl://a:8883"), parse(", \"mqtt.url\": \"ssl://a:8883\"").mqtt().urls());
        assertEquals(List.of(), parse("").mqtt().urls());
    }

    @Test
    void bothSetIsAnError() {
        assertEquals(List.of("mqtt.urls: set either mqtt.url or mqtt.urls, not both"),
                errors(", \"mqtt\": {\"url\": \"tcp://a:1\", \"urls\": [\"tcp://b:1\"]}"));
    }

    @Test
    void eachUrlIsCheckedLikeMqttUrlAndNamedByItsPlace() {
        assertEquals(List.of("mqtt.urls[1]: must name a host and a port (1..65535), got \"tcp://b\""),
                errors(", \"mqtt.urls\": [\"tcp://a:1\", \"tcp://b\"]"));
        assertEquals(List.of("mqtt.urls[0]: must not carry a user name or password (set mqtt.username and"
                + " mqtt.password), got \"ssl://***@b:1\""), errors(", \"mqtt.urls\": [\"ssl://u:secret@b:1\"]"));
        assertEquals(List.of("mqtt.urls[1]: listed twice, got \"tcp://a:1\""),
                errors(", \"mqtt.urls\": [\"tcp://a:1\", \"tcp://a:1\"]"));
        assertEquals(List.of("mqtt.urls[0]: must be a string of at most 1024 characters, got 7"),
                errors(", \"mqtt.urls\": [7]"));
    }

    @Test
    void aListIsOneToEightUrlsOfOneScheme() {
        assertEquals(List.of("mqtt.urls: must be a list of 1 to 8 broker URLs, got []"), errors(", \"mqtt.urls\": []"));
        assertEquals(List.of("mqtt.urls: must be a list of 1 to 8 broker URLs, got \"tcp://a:1\""),
                errors(", \"mqtt.urls\": \"tcp://a:1\""));
        String nine = "[" + String.join(",", java.util.stream.IntStream.range(1, 10)
                .mapToObj(i -> "\"tcp://a:" + i + "\"").toList()) + "]";
        assertEquals(1, errors(", \"mqtt.urls\": " + nine).size());
        assertEquals(List.of("mqtt.urls: mixes tcp:// and ssl://: every broker of the list must use the same scheme"),
                errors(", \"mqtt.urls\": [\"ssl://a:1\", \"tcp://b:1\"]"));
    }

    @Test
    void aLayerNamingEitherKeyReplacesBoth() throws Exception {
        Map<String, com.fasterxml.jackson.databind.JsonNode> file = Map.of("mqtt.url", TextNode.valueOf("tcp://a:1"));
        var merged = ConfigLoader.merge(file, Map.of(), Map.of("mqtt.urls", new com.fasterxml.jackson.databind
                .ObjectMapper().readTree("[\"tcp://b:1\", \"tcp://c:1\"]")));
        assertEquals(java.util.Set.of("mqtt.urls"), merged.keySet());
    }

    @Test
    void limitsDefaultToAGenerousCapAndThePresetSetsAwsIotCore() throws Exception {
        assertEquals(UnitConfig.Limits.DEFAULT, parse("").mqtt().limits());
        assertEquals(new UnitConfig.Limits("aws-iot", 80, 10, 131_072),
                parse(", \"mqtt.preset\": \"aws-iot\"").mqtt().limits());
        assertEquals(new UnitConfig.Limits("aws-iot", 50, 10, 131_072),
                parse(", \"mqtt\": {\"preset\": \"aws-iot\", \"rate\": {\"perSecond\": 50}}").mqtt().limits());
        assertEquals(new UnitConfig.Limits("none", 200, 20, 0),
                parse(", \"mqtt.rate.perSecond\": 200").mqtt().limits());
        assertFalse(parse(", \"mqtt.rate.perSecond\": 0").mqtt().limits().capped(), "0: no cap");
    }

    @Test
    void badLimitsNameTheKey() {
        assertEquals(List.of("mqtt.preset: must match \"none\" or \"aws-iot\", got \"aws\""),
                errors(", \"mqtt.preset\": \"aws\""));
        assertEquals(List.of("mqtt.rate.perSecond: must be one of 0..1000000, got -1"),
                errors(", \"mqtt.rate.perSecond\": -1"));
        assertEquals(List.of("mqtt.rate.burst: needs a cap: mqtt.rate.perSecond is 0 (no cap)"),
                errors(", \"mqtt.rate\": {\"perSecond\": 0, \"burst\": 5}"));
    }

    @Test
    void whereDataGoesAndHowFastNeedASignedDocument() {
        for (String key : List.of("mqtt.urls", "mqtt.preset", "mqtt.rate.perSecond", "mqtt.rate.burst")) {
            assertEquals(RemoteKeys.Access.SIGNED, RemoteKeys.access(key), key);
        }
    }
}
