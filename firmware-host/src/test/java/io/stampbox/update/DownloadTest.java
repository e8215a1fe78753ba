package io.stampbox.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.UnitConfig;
import io.stampbox.testing.Certificates;
import io.stampbox.testing.ProcessTest;
import io.stampbox.wire.TlsSockets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a local HTTPS server whose certificate the unit's CA file vouches for. */
@ProcessTest
class DownloadTest {

    @TempDir
    static Path pkiDir;
    private static Certificates pki;
    private static SSLSocketFactory tls;

    @TempDir
    Path dir;
    private final byte[] body = new byte[3 * 1024 * 1024 + 17];
    private PackageServer server;

    @BeforeAll
    static void certificates() {
        pki = new Certificates(pkiDir).ca("ca").leaf("server", "ca", "ec", "DNS:localhost,IP:127.0.0.1");
        tls = TlsSockets.factory(new UnitConfig.Tls(pki.file("ca.crt"), null, null));
    }

    @BeforeEach
    void serve() throws Exception {
        new Random(7).nextBytes(body);
        server = new PackageServer(pki.file("server.crt"), pki.file("server.key"), body);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Download download(long size, String sha) {
        return new Download(URI.create(server.url()), size, sha, tls, 10);
    }

    private Path part() {
        return dir.resolve("p.part");
    }

    private Path target() {
        return dir.resolve("p.deb");
    }

    @Test
    void fetchesChecksAndMovesThePackage() throws Exception {
        Path source = Files.write(dir.resolve("source"), body);
        download(body.length, Download.digest(source)).fetch(part(), target(), b -> { });
        assertArrayEquals(body, Files.readAllBytes(target()));
        assertFalse(Files.exists(part()));
        assertEquals(List.of("null"), server.ranges, "one request, no range");
    }

    @Test
    void resumesWithRangeAfterACutConnection() throws Exception {
        String sha = Download.digest(Files.write(dir.resolve("source"), body));
        server.cutAt = 1024 * 1024;
        server.cuts.set(2);
        download(body.length, sha).fetch(part(), target(), b -> { });
        assertArrayEquals(body, Files.readAllBytes(target()));
        assertEquals(3, server.ranges.size(), server.ranges.toString());
        assertEquals("null", server.ranges.get(0));
        assertTrue(server.ranges.get(1).startsWith("bytes=") && !server.ranges.get(1).equals("bytes=0-"), server.ranges.toString());
    }

    @Test
    void resumesAPartLeftByAPowerCut() throws Exception {
        String sha = Download.digest(Files.write(dir.resolve("source"), body));
        Files.write(part(), java.util.Arrays.copyOf(body, 100_000));
        download(body.length, sha).fetch(part(), target(), b -> { });
        assertArrayEquals(body, Files.readAllBytes(target()));
        assertEquals(List.of("bytes=100000-"), server.ranges);
    }

    @Test
    void aPackageCheckedBeforeARestartIsNotFetchedAgain() throws Exception {
        String sha = Download.digest(Files.write(dir.resolve("source"), body));
        Files.write(target(), body);
        download(body.length, sha).fetch(part(), target(), b -> { });
        assertEquals(List.of(), server.ranges);
    }

    @Test
    void aWrongDigestFailsAndKeepsNothing() throws Exception {
        UpdateFailed e = assertThrows(UpdateFailed.class,
                () -> download(body.length, "0".repeat(64)).fetch(part(), target(), b -> { }));
        assertTrue(e.getMessage().startsWith("digest mismatch"), e.getMessage());
        assertFalse(Files.exists(part()) || Files.exists(target()));
    }

    @Test
    void aLargerPackageThanSignedIsRefused() {
        UpdateFailed e = assertThrows(UpdateFailed.class,
                () -> download(body.length - 1, "0".repeat(64)).fetch(part(), target(), b -> { }));
        assertTrue(e.getMessage().startsWith("larger than the signed size"), e.getMessage());
        assertFalse(Files.exists(target()));
    }

    @Test
    void aShorterPackageThanSignedIsTruncated() {
        UpdateFailed e = assertThrows(UpdateFailed.class,
                () -> download(body.length + 1000, "0".repeat(64)).fetch(part(), target(), b -> { }));
        assertTrue(e.getMessage().startsWith("truncated"), e.getMessage());
        assertFalse(Files.exists(target()));
    }

    @Test
    void aServerThatKeepsCuttingEndsTruncatedAfterTheAttempts() throws Exception {
        server.cutAt = 1000;
        server.cuts.set(100);
        UpdateFailed e = assertThrows(UpdateFailed.class,
                () -> download(body.length, "0".repeat(64)).fetch(part(), target(), b -> { }));
        assertTrue(e.getMessage().startsWith("truncated download"), e.getMessage());
        assertEquals(Download.ATTEMPTS, server.ranges.size());
    }

    @Test
    void anUntrustedServerIsRefused() throws Exception {
        Certificates other = new Certificates(Files.createDirectories(dir.resolve("other"))).ca("other");
        SSLSocketFactory otherTls = TlsSockets.factory(new UnitConfig.Tls(other.file("other.crt"), null, null));
        UpdateFailed e = assertThrows(UpdateFailed.class, () -> new Download(URI.create(server.url()), body.length,
                "0".repeat(64), otherTls, 1).fetch(part(), target(), b -> { }));
        assertTrue(e.getMessage().contains("SSLHandshakeException") || e.getMessage().contains("PKIX"), e.getMessage());
        assertEquals(List.of(), server.ranges, "nothing requested over an untrusted connection");
    }

    @Test
    void aFullDiskIsRefusedBeforeDownloading() {
        long huge = Long.MAX_VALUE / 4;
        UpdateFailed e = assertThrows(UpdateFailed.class,
                () -> download(huge, "0".repeat(64)).fetch(part(), target(), b -> { }));
        assertTrue(e.getMessage().startsWith("disk full"), e.getMessage());
        assertEquals(List.of(), server.ranges);
    }
}
