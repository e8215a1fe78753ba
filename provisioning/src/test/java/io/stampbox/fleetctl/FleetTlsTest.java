package io.stampbox.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.Certificates;
import io.stampbox.testing.MosquittoBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.ProcessTest;

/**
 * {@code stampbox-fleet}'s {@code --ca-file/--cert-file/--key-file} are read as the unit reads
 * {@code mqtt.tls.*}: a PKCS#1 key logs in over mutual TLS; a lone certificate is refused (exit 2) in the
 * unit's words instead of being ignored; a bad unit id or URL is a usage error.
 */
@BrokerTest
@ProcessTest
class FleetTlsTest extends FleetCliTest {

    @TempDir
    static Path pkiDir;

    private static Certificates pki;


    @BeforeAll
    static void makeCertificates() {
        pki = new Certificates(pkiDir)
                .ca("ca")
                .leaf("server", "ca", "ec", "DNS:localhost,IP:127.0.0.1")
                .leaf("rsa-client", "ca", "rsa", null);
    }

    @Test
    void aPkcs1KeyLogsInAndALoneCertificateIsRefused() {
        Path pkcs1 = pki.traditionalKey("rsa-client", "rsa", "rsa-client.pkcs1.key");
        try (MosquittoBroker broker = MosquittoBroker.builder(dir)
                .tls(pki.file("ca.crt"), pki.file("server.crt"), pki.file("server.key"), true).start()) {
            String url = "--url=" + broker.url();
            String ca = "--ca-file=" + pki.file("ca.crt");
            String cert = "--cert-file=" + pki.file("rsa-client.crt");
            assertEquals(0, fleet("status", url, ca, cert, "--key-file=" + pkcs1, "--json"), err.toString());
            assertEquals("[]", out.toString().strip());

            assertEquals(2, fleet("status", url, ca, cert));
            assertTrue(err.toString().startsWith("stampbox-fleet: --key-file: required for mutual TLS"),
                    err.toString());
        }
    }

    @Test
    void badUnitIdsAndUrlsAreUsageErrors() {
        assertEquals(2, fleet("cmd", "_fleet", "identify", "--url=tcp://127.0.0.1:1"));
        assertTrue(err.toString().startsWith("stampbox-fleet: device.id: \"_fleet\" is reserved"), err.toString());
        assertEquals(2, fleet("cmd", "a/b", "identify", "--url=tcp://127.0.0.1:1"));
        assertTrue(err.toString().startsWith("stampbox-fleet: device.id: must be one topic level"), err.toString());
        assertEquals(2, fleet("cmd", "till-1", "a+b", "--url=tcp://127.0.0.1:1"));
        assertTrue(err.toString().startsWith("stampbox-fleet: command name: must be one topic level"), err.toString());
        assertEquals(2, fleet("status", "--url=http://127.0.0.1:1"));
        assertTrue(err.toString().startsWith("stampbox-fleet: --url: must be tcp://host:port or ssl://host:port"),
                err.toString());
    }
}
