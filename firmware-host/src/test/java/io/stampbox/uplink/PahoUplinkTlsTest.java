package io.stampbox.uplink;

import io.stampbox.time.Ticker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.Certificates;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.ProcessTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mutual TLS against mosquitto, with certificates made by openssl at test time. */
@BrokerTest
@ProcessTest
class PahoUplinkTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path pkiDir;

    private static Certificates pki;

    @TempDir
    Path dir;

    private PahoUplink uplink;

    @BeforeAll
    static void makeCertificates() {
        pki = new Certificates(pkiDir)
                .ca("ca")
                .ca("other-ca")
                .leaf("server", "ca", "ec", "DNS:localhost,IP:127.0.0.1")
                .leaf("misnamed-server", "ca", "ec", "DNS:elsewhere.invalid")
                .leaf("client", "ca", "ec", null)
                .leaf("rsa-client", "ca", "rsa", null)
                .leaf("stranger", "other-ca", "ec", null);
    }

    @AfterEach
    void stopUnit() {
        if (uplink != null) {
            uplink.stop();
        }
    }

    private MosquittoBroker broker(String serverCert) {
        return MosquittoBroker.builder(dir)
                .tls(pki.file("ca.crt"), pki.file(serverCert + ".crt"), pki.file(serverCert + ".key"), true)
                .start();
    }

    private PahoUplink startUplink(String url, String ca, String client, Path key) {
        UnitConfig.Tls tls = new UnitConfig.Tls(pki.file(ca + ".crt"),
                client == null ? null : pki.file(client + ".crt"), key);
        uplink = Units.uplink(new UnitConfig.Mqtt(url, Units.ROOT, null, null, tls));
        uplink.start();
        return uplink;
    }

    @Test
    void mutualTlsConnectsAndDrains() {
        try (MosquittoBroker broker = broker("server")) {
            MemoryOutbox outbox = new MemoryOutbox();
            outbox.appendScans(50);
            startUplink(broker.url(), "ca", "client", pki.file("client.key"));
            try (Drainer drainer = new Drainer(outbox, uplink, new Metrics(), 16, Ticker.SYSTEM)) {
                drainer.start();
                Await.until("drained over mutual TLS", WAIT, () -> outbox.depth() == 0,
                        () -> uplink.state() + " " + uplink.lastError());
            }
        }
    }

    @Test
    void traditionalRsaAndEcKeysWork() {
        Path rsaKey = pki.traditionalKey("rsa-client", "rsa", "rsa-client.pkcs1.key");
        Path ecKey = pki.traditionalKey("client", "ec", "client.sec1.key");
        try (MosquittoBroker broker = broker("server")) {
            startUplink(broker.url(), "ca", "rsa-client", rsaKey);
            Await.until("connected with a PKCS#1 key", WAIT, uplink::connected, () -> String.valueOf(uplink.lastError()));
            uplink.stop();
            startUplink(broker.url(), "ca", "client", ecKey);
            Await.until("connected with a SEC1 key", WAIT, uplink::connected, () -> String.valueOf(uplink.lastError()));
        }
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefusedAndReportedNotHung() {
        try (MosquittoBroker broker = broker("server")) {
            startUplink(broker.url(), "ca", "stranger", pki.file("stranger.key"));
            Await.until("refused and reported", WAIT,
                    () -> uplink.state() == UplinkState.BACKING_OFF && uplink.lastError() != null);
            assertTrue(uplink.lastError().startsWith("TLS failure"), uplink.lastError());
        }
    }

    @Test
    void aServerWhoseNameDoesNotMatchIsRefused() {
        try (MosquittoBroker broker = broker("misnamed-server")) {
            startUplink(broker.url(), "ca", "client", pki.file("client.key"));
            Await.until("refused", WAIT, () -> uplink.state() == UplinkState.BACKING_OFF);
            assertTrue(uplink.lastError().startsWith("TLS failure"), uplink.lastError());
        }
    }

    @Test
    void aServerSignedByAnUntrustedCaIsRefused() {
        try (MosquittoBroker broker = broker("server")) {
            startUplink(broker.url(), "other-ca", "client", pki.file("client.key"));
            Await.until("refused", WAIT, () -> uplink.state() == UplinkState.BACKING_OFF);
            assertTrue(uplink.lastError().startsWith("TLS failure"), uplink.lastError());
        }
    }

    @Test
    void unreadableTlsFilesNameTheField() throws Exception {
        UnitConfig.Tls tls = new UnitConfig.Tls(pki.file("ca.crt"), pki.file("client.crt"), pki.file("no-such.key"));
        UplinkException e = assertThrows(UplinkException.class, () ->
                Units.uplink(new UnitConfig.Mqtt("ssl://127.0.0.1:1", Units.ROOT, null, null, tls)));
        assertTrue(e.getMessage().startsWith("mqtt.tls.keyFile: cannot read"), e.getMessage());

        UnitConfig.Tls keyAsCa = new UnitConfig.Tls(pki.file("ca.key"), null, null);
        UplinkException noCert = assertThrows(UplinkException.class, () ->
                Units.uplink(new UnitConfig.Mqtt("ssl://127.0.0.1:1", Units.ROOT, null, null, keyAsCa)));
        assertEquals("mqtt.tls.caFile: " + pki.file("ca.key") + ": no CERTIFICATE block", noCert.getMessage());

        Path encrypted = pki.file("encrypted.key");
        java.nio.file.Files.writeString(encrypted,
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        UnitConfig.Tls encryptedKey = new UnitConfig.Tls(pki.file("ca.crt"), pki.file("client.crt"), encrypted);
        UplinkException refused = assertThrows(UplinkException.class, () ->
                Units.uplink(new UnitConfig.Mqtt("ssl://127.0.0.1:1", Units.ROOT, null, null, encryptedKey)));
        assertTrue(refused.getMessage().contains("encrypted keys are not supported"), refused.getMessage());
    }
}
