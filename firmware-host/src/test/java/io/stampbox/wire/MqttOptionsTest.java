package io.stampbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.UnitConfig;
import io.stampbox.testing.Certificates;
import io.stampbox.uplink.PahoUplink;
import io.stampbox.uplink.StatusInfo;
import io.stampbox.uplink.UplinkException;
import io.stampbox.uplink.UplinkOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one place MQTT connect options are made, for the unit and the tools alike. The tools' TLS path is
 * {@link MqttOptions#of}: it must take what the unit takes (PKCS#8, PKCS#1, SEC1 keys) and refuse what
 * the unit refuses (a lone certificate), with the same words.
 */
class MqttOptionsTest {

    @TempDir
    static Path pkiDir;

    private static Certificates pki;

    @BeforeAll
    static void makeCertificates() {
        pki = new Certificates(pkiDir).ca("ca").leaf("client", "ca", "ec", null).leaf("rsa-client", "ca", "rsa", null);
    }

    private static UnitConfig.Mqtt mqtt(String url, UnitConfig.Tls tls) {
        return new UnitConfig.Mqtt(url, "stampbox/v1", "till", "secret", tls);
    }

    @Test
    void plainOptions() {
        MqttOptions options = MqttOptions.of(mqtt("tcp://127.0.0.1:1883", null));
        byte[] offline = "{\"online\":false}".getBytes(StandardCharsets.UTF_8);
        MqttConnectOptions o = options.v3(Duration.ofSeconds(7), Duration.ofSeconds(30),
                new MqttOptions.Will("stampbox/v1/till-1/status", offline));
        assertEquals(MqttConnectOptions.MQTT_VERSION_3_1_1, o.getMqttVersion());
        assertTrue(o.isCleanSession());
        assertFalse(o.isAutomaticReconnect());
        assertEquals(7, o.getConnectionTimeout());
        assertEquals(30, o.getKeepAliveInterval());
        assertEquals("till", o.getUserName());
        assertEquals("secret", new String(o.getPassword()));
        assertEquals("stampbox/v1/till-1/status", o.getWillDestination());
        assertArrayEquals(offline, o.getWillMessage().getPayload());
        assertEquals(1, o.getWillMessage().getQos());
        assertTrue(o.getWillMessage().isRetained());
        assertNull(o.getSocketFactory());
        assertFalse(options.tls());

        MqttConnectOptions noWill = options.v3(Duration.ZERO, Duration.ofMillis(10), null);
        assertNull(noWill.getWillDestination());
        assertEquals(1, noWill.getConnectionTimeout(), "at least a second");
        assertEquals(1, noWill.getKeepAliveInterval());
    }

    @Test
    void urlsAreChecked() {
        assertEquals(8883, MqttOptions.uri("ssl://broker.example:8883").getPort());
        for (String bad : new String[] {"http://h:1", "tcp://h", "tcp://h:1/path", "tcp://h:99999", "not a url", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MqttOptions.of(mqtt(bad, null)), String.valueOf(bad));
            assertTrue(e.getMessage().startsWith("mqtt.url: "), e.getMessage());
        }
    }

    @Test
    void tlsWithHostNameVerificationAndTheKeysTheUnitTakes() {
        Path pkcs1 = pki.traditionalKey("rsa-client", "rsa", "rsa-client.pkcs1.key");
        Path sec1 = pki.traditionalKey("client", "ec", "client.sec1.key");
        for (Path[] pair : new Path[][] {
                {pki.file("client.crt"), pki.file("client.key")},
                {pki.file("rsa-client.crt"), pkcs1},
                {pki.file("client.crt"), sec1}}) {
            MqttOptions options = MqttOptions.of(mqtt("ssl://localhost:8883",
                    new UnitConfig.Tls(pki.file("ca.crt"), pair[0], pair[1])));
            MqttConnectOptions o = options.v3(Duration.ofSeconds(5), Duration.ofSeconds(30), null);
            assertNotNull(o.getSocketFactory(), pair[1].toString());
            assertTrue(o.isHttpsHostnameVerificationEnabled());
            assertTrue(options.tls());
        }
    }

    @Test
    void aLoneCertificateIsRefusedAsTheUnitRefusesIt() {
        for (UnitConfig.Tls lone : new UnitConfig.Tls[] {
                new UnitConfig.Tls(pki.file("ca.crt"), pki.file("client.crt"), null),
                new UnitConfig.Tls(pki.file("ca.crt"), null, pki.file("client.key")),
                new UnitConfig.Tls(pki.file("ca.key"), null, null)}) {
            TlsException tools = assertThrows(TlsException.class, () -> MqttOptions.of(mqtt("ssl://localhost:8883", lone)));
            UplinkException unit = assertThrows(UplinkException.class,
                    () -> new PahoUplink(new UnitConfig.Device("till-1", "s"), mqtt("ssl://localhost:8883", lone),
                            new StatusInfo("0.1.0", Instant.now(), () -> 0), UplinkOptions.defaults()));
            assertEquals(unit.getMessage(), tools.getMessage());
            assertTrue(tools.getMessage().startsWith("mqtt.tls."), tools.getMessage());
        }
    }

    @Test
    void tcpNeverReadsTheTlsFiles() {
        UnitConfig.Tls missing = new UnitConfig.Tls(pkiDir.resolve("no-such.crt"), null, null);
        assertFalse(MqttOptions.of(mqtt("tcp://127.0.0.1:1883", missing)).tls());
    }
}
