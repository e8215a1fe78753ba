package io.stampbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mqtt.protocol} and {@code uplink.ack}: defaults, accepted values, precise messages. */
class UplinkKeysTest {

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
    void defaultsAreMqtt5AndBrokerAcks() throws Exception {
        UnitConfig c = parse("");
        assertEquals(UnitConfig.Protocol.MQTT_5, c.mqtt().protocol());
        assertEquals(UnitConfig.Ack.BROKER, c.mqtt().ack());
    }

    @Test
    void acceptedValues() throws Exception {
        UnitConfig c = parse(", \"mqtt\": {\"protocol\": \"3.1.1\"}, \"uplink\": {\"ack\": \"backend\"}");
        assertEquals(UnitConfig.Protocol.MQTT_3_1_1, c.mqtt().protocol());
        assertEquals(UnitConfig.Ack.BACKEND, c.mqtt().ack());
        assertEquals(UnitConfig.Protocol.MQTT_5, parse(", \"mqtt.protocol\": \"5\"").mqtt().protocol());
    }

    @Test
    void badValuesNameTheKeyTheRuleAndTheValue() {
        assertEquals(List.of("mqtt.protocol: must match \"5\" or \"3.1.1\", got \"3\""),
                errors(", \"mqtt.protocol\": \"3\""));
        assertEquals(List.of("uplink.ack: must be one of broker, backend, got \"cloud\""),
                errors(", \"uplink.ack\": \"cloud\""));
    }
}
