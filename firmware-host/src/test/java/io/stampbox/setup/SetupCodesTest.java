package io.stampbox.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stampbox.testing.ProcessTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Setup codes signed, unsigned, tampered, expired, foreign-keyed, and keys from openssl. */
class SetupCodesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Map<String, String> SETTINGS = Map.of("device.id", "till-1", "device.store", "bakery-7",
            "mqtt.url", "ssl://mqtt.example:8883");

    private final KeyPair fleet = generate();

    private static KeyPair generate() {
        try {
            return FleetKeys.generate();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String code() throws Exception {
        return SetupCodes.sign(SETTINGS, NOW.plusSeconds(3600), fleet.getPrivate());
    }

    @Test
    void aSignedCodeIsAcceptedWithItsSettings() throws Exception {
        SetupCode code = SetupCodes.verify(code(), fleet.getPublic(), NOW);
        assertTrue(code.accepted(), code.rejection());
        assertEquals(SETTINGS, code.settings());
        assertTrue(SetupCodes.looksLike(code()));
    }

    @Test
    void unsignedCodesAreRejected() throws Exception {
        String payload = code().split("\\.")[1];
        assertEquals("unsigned", SetupCodes.verify("SBX1." + payload, fleet.getPublic(), NOW).rejection());
        assertEquals("unsigned", SetupCodes.verify("SBX1." + payload + ".", fleet.getPublic(), NOW).rejection());
    }

    @Test
    void aTamperedPayloadIsRejected() throws Exception {
        String[] parts = code().split("\\.");
        String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.replace("bakery-7", "bakery-8").getBytes(StandardCharsets.UTF_8));
        SetupCode code = SetupCodes.verify("SBX1." + forged + "." + parts[2], fleet.getPublic(), NOW);
        assertFalse(code.accepted());
        assertEquals("signature does not verify", code.rejection());
    }

    @Test
    void anotherFleetsKeyIsRejected() throws Exception {
        assertEquals("signature does not verify", SetupCodes.verify(code(), generate().getPublic(), NOW).rejection());
    }

    @Test
    void anExpiredCodeIsRejected() throws Exception {
        SetupCode code = SetupCodes.verify(code(), fleet.getPublic(), NOW.plusSeconds(3600));
        assertEquals("expired at 2026-11-25T13:00:00Z", code.rejection());
    }

    @Test
    void credentialsCannotTravelInACodeEvenWhenSigned() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> SetupCodes.sign(Map.of("mqtt.password", "x"), NOW.plusSeconds(60), fleet.getPrivate()));
        byte[] payload = ("{\"v\":1,\"expiresAt\":\"2026-11-25T13:00:00Z\",\"config\":{\"mqtt.password\":\"x\"}}")
                .getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(fleet.getPrivate());
        signer.update(payload);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String text = "SBX1." + b64.encodeToString(payload) + "." + b64.encodeToString(signer.sign());
        assertEquals("mqtt.password: cannot be set by a setup code", SetupCodes.verify(text, fleet.getPublic(), NOW).rejection());
    }

    @Test
    @ProcessTest
    void keysRoundTripThroughPemAndOpensslKeysAreRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("fleet.key"), FleetKeys.pem(fleet.getPrivate()));
        Files.writeString(dir.resolve("fleet.pub"), FleetKeys.pem(fleet.getPublic()));
        String text = SetupCodes.sign(SETTINGS, NOW.plusSeconds(60), FleetKeys.readPrivate(dir.resolve("fleet.key")));
        assertTrue(SetupCodes.verify(text, FleetKeys.readPublic(dir.resolve("fleet.pub")), NOW).accepted());

        Process genpkey = new ProcessBuilder("openssl", "genpkey", "-algorithm", "ed25519", "-out",
                dir.resolve("o.key").toString()).redirectErrorStream(true).start();
        assumeTrue(genpkey.waitFor() == 0, "openssl is not installed");
        assertEquals(0, new ProcessBuilder("openssl", "pkey", "-in", dir.resolve("o.key").toString(), "-pubout", "-out",
                dir.resolve("o.pub").toString()).start().waitFor());
        String signed = SetupCodes.sign(SETTINGS, NOW.plusSeconds(60), FleetKeys.readPrivate(dir.resolve("o.key")));
        assertTrue(SetupCodes.verify(signed, FleetKeys.readPublic(dir.resolve("o.pub")), NOW).accepted());
    }
}
