package io.stampbox.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code update sign}: digest, size and an Ed25519 signature over exactly the bytes of update-wire.md; a loose key is refused. */
class UpdateSignTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static KeyPair fleetKeys() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** The private key as setup-key writes it (PKCS#8 PEM), with this mode. */
    static Path writeKey(Path dir, KeyPair keys, String mode) throws Exception {
        Files.createDirectories(dir);
        Path key = dir.resolve("fleet-setup-" + mode.replace('-', '_') + ".key");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(mode));
        return key;
    }

    private static Run fleet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        assertFalse(err.toString().contains("Exception"), err.toString());
        return new Run(exit, out.toString(), err.toString());
    }

    private Path deb(String name, int size) throws Exception {
        Path deb = dir.resolve(name);
        byte[] bytes = new byte[size];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(deb, bytes);
        return deb;
    }

    @Test
    void theOrderVerifiesOverTheExactBytesOfTheWireFormat() throws Exception {
        KeyPair keys = fleetKeys();
        Path deb = deb("stampbox_1.4.0_all.deb", 300_001);
        Run r = fleet("update", "sign", "--deb", deb.toString(), "--url", "https://updates.example/v/stampbox_1.4.0_all.deb",
                "--key", writeKey(dir, keys, "rw-------").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode order = JSON.readTree(r.out());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(deb)));
        assertEquals("1.4.0", order.path("version").asText(), "the version from the file name");
        assertEquals(sha256, order.path("sha256").asText());
        assertEquals(300_001, order.path("size").asLong());
        assertEquals("https://updates.example/v/stampbox_1.4.0_all.deb", order.path("url").asText());
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(keys.getPublic());
        verifier.update(("stampbox-update\n1.4.0\n" + sha256 + "\n300001\n").getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(order.path("signature").asText())));
        verifier.initVerify(fleetKeys().getPublic());
        verifier.update(("stampbox-update\n1.4.0\n" + sha256 + "\n300001\n").getBytes(StandardCharsets.UTF_8));
        assertFalse(verifier.verify(Base64.getDecoder().decode(order.path("signature").asText())), "another fleet's key");
    }

    @Test
    void aKeyOpenToGroupOrOthersIsRefused() throws Exception {
        KeyPair keys = fleetKeys();
        Path deb = deb("stampbox_1.4.0_all.deb", 10);
        for (String mode : List.of("rw-r--r--", "rw-r-----", "rw----r--")) {
            Path key = writeKey(dir, keys, mode);
            Run r = fleet("update", "sign", "--deb", deb.toString(), "--url", "https://h/x.deb", "--key", key.toString());
            assertEquals(2, r.exit(), mode);
            assertEquals("stampbox-fleet: --key " + key + ": open to group or others (mode " + mode + "); the fleet key"
                    + " must be readable by its owner only: chmod 600 " + key, r.err().strip());
            assertEquals("", r.out(), "nothing signed");
        }
    }

    @Test
    void badInputIsOneLineExitTwo() throws Exception {
        Path key = writeKey(dir, fleetKeys(), "rw-------");
        Path deb = deb("stampbox_1.4.0_all.deb", 10);
        Run r = fleet("update", "sign", "--deb", deb.toString(), "--url", "http://h/x.deb", "--key", key.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("stampbox-fleet: --url: must be an https"), r.err());
        r = fleet("update", "sign", "--deb", deb("package.deb", 10).toString(), "--url", "https://h/x.deb", "--key", key.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("stampbox-fleet: --package-version is needed"), r.err());
        r = fleet("update", "sign", "--deb", deb.toString(), "--package-version", "1.4.0;rm", "--url", "https://h/x.deb",
                "--key", key.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("stampbox-fleet: --package-version: must be a"), r.err());
        r = fleet("update", "sign", "--deb", deb("stampbox_1.5.0_all.deb", 0).toString(), "--url", "https://h/x.deb",
                "--key", key.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("size: must be a whole number of bytes"), r.err());
        Path notAKey = dir.resolve("not.key");
        Files.writeString(notAKey, "hello");
        Files.setPosixFilePermissions(notAKey, PosixFilePermissions.fromString("rw-------"));
        r = fleet("update", "sign", "--deb", deb.toString(), "--url", "https://h/x.deb", "--key", notAKey.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("not the fleet's Ed25519 private key"), r.err());
    }
}
