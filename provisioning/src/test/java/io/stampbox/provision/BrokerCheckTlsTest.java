package io.stampbox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.testing.Certificates;
import io.stampbox.testing.MosquittoBroker;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.ProcessTest;

/**
 * {@code stampbox-provision check} reads TLS files as the unit does ({@code wire.MqttOptions}): PKCS#1 and
 * SEC1 keys log in over mutual TLS against a real mosquitto, host name verified.
 */
@BrokerTest
@ProcessTest
class BrokerCheckTlsTest {

    @TempDir
    static Path pkiDir;

    private static Certificates pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() {
        pki = new Certificates(pkiDir)
                .ca("ca")
                .leaf("server", "ca", "ec", "DNS:localhost,IP:127.0.0.1")
                .leaf("misnamed-server", "ca", "ec", "DNS:elsewhere.invalid")
                .leaf("client", "ca", "ec", null)
                .leaf("rsa-client", "ca", "rsa", null);
    }

    private CheckResult check(MosquittoBroker broker, String client, Path key) throws Exception {
        Map<String, com.fasterxml.jackson.databind.JsonNode> file = ConfigLoader.flatten("""
                {"device": {"id": "till-1", "store": "s"}, "scanner": {"type": "stdin"}, "storage": {"dir": "%s"},
                 "codes": {"cardPattern": "^C(?<card>.+)$"}, "feedback": {"platform": "none"},
                 "mqtt": {"url": "ssl://localhost:%d",
                          "tls": {"caFile": "%s", "certFile": "%s", "keyFile": "%s"}}}
                """.formatted(dir, broker.port(), pki.file("ca.crt"), pki.file(client + ".crt"), key));
        UnitConfig unit = ConfigLoader.fromLayers(file, Map.of(), Map.of(), 0);
        return new BrokerCheck(unit, 5, host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")}).run();
    }

    private static MosquittoBroker broker(Path dir, String serverCert) {
        return MosquittoBroker.builder(dir)
                .tls(pki.file("ca.crt"), pki.file(serverCert + ".crt"), pki.file(serverCert + ".key"), true)
                .start();
    }

    @Test
    void pkcs1AndSec1KeysLogInAsOnTheUnit() throws Exception {
        Path pkcs1 = pki.traditionalKey("rsa-client", "rsa", "rsa-client.pkcs1.key");
        Path sec1 = pki.traditionalKey("client", "ec", "client.sec1.key");
        try (MosquittoBroker broker = broker(dir, "server")) {
            for (Object[] c : new Object[][] {{"rsa-client", pkcs1}, {"client", sec1}, {"client", pki.file("client.key")}}) {
                CheckResult result = check(broker, (String) c[0], (Path) c[1]);
                assertTrue(result.ok(), c[1] + ": " + result.detail());
                assertTrue(result.detail().startsWith("DNS, TCP, TLS and login fine at 127.0.0.1:"), result.detail());
            }
        }
    }

    @Test
    void aServerCertificateForAnotherNameFailsTheHandshake() throws Exception {
        try (MosquittoBroker broker = broker(dir, "misnamed-server")) {
            CheckResult result = check(broker, "client", pki.file("client.key"));
            assertFalse(result.ok());
            assertTrue(result.detail().startsWith("TLS: handshake with localhost failed"), result.detail());
        }
    }

    @Test
    void aPlainMqttPortIsSaidToNotSpeakTlsInsteadOfBlamingTheCa() throws Exception {
        try (MosquittoBroker plain = MosquittoBroker.builder(dir).start()) {
            CheckResult result = check(plain, "client", pki.file("client.key"));
            assertFalse(result.ok());
            assertTrue(result.detail().startsWith("TLS: handshake with localhost:" + plain.port() + " failed: the port"
                    + " does not speak TLS"), result.detail());
            assertTrue(result.fix().startsWith("mqtt.url: tcp:// for a plain MQTT port"), result.fix());
            assertFalse(result.fix().contains("caFile"), result.fix());
        }
    }

    @Test
    void anEncryptedKeyIsNamed() throws Exception {
        Path encrypted = dir.resolve("encrypted.key");
        java.nio.file.Files.writeString(encrypted,
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        java.nio.file.Files.setPosixFilePermissions(encrypted,
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")); // keys must not be world-readable
        try (MosquittoBroker broker = broker(dir, "server")) {
            CheckResult result = check(broker, "client", encrypted);
            assertFalse(result.ok());
            assertEquals("TLS: cannot use the configured PEM files (mqtt.tls.keyFile: " + encrypted
                    + ": encrypted keys are not supported; store the key unencrypted (mode 0600))", result.detail());
        }
    }
}
