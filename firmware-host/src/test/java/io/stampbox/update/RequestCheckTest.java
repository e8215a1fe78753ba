package io.stampbox.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.setup.FleetKeys;
import io.stampbox.wire.UpdateOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helper's own signature check: the local file's fleet key, the request's fields. */
class RequestCheckTest {

    @TempDir
    Path dir;

    private static String sign(KeyPair key, String version, String sha, long size) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key.getPrivate());
        signer.update(UpdateOrder.signedBytes(version, sha, size));
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    private Path request(String version, String sha, long size, String signature) throws Exception {
        return Files.writeString(dir.resolve("request"), "version=" + version + "\nfrom=1.0.0\nsha256=" + sha + "\nsize="
                + size + "\nverifySeconds=120\nsignature=" + signature + "\n");
    }

    @Test
    void onlyTheFleetKeyOfTheLocalFileSignsARequest() throws Exception {
        KeyPair fleet = FleetKeys.generate();
        Path pub = Files.writeString(dir.resolve("fleet.pub"), FleetKeys.pem(fleet.getPublic()));
        Path config = Files.writeString(dir.resolve("config.json"), "{\"setup\": {\"publicKeyFile\": \"" + pub + "\"}}");
        String sha = "d".repeat(64);
        assertNull(RequestCheck.problem(config, request("2.0.0", sha, 1234, sign(fleet, "2.0.0", sha, 1234))));
        assertEquals("bad signature: the order is not signed by the fleet key",
                RequestCheck.problem(config, request("2.0.0", "e".repeat(64), 1234, sign(fleet, "2.0.0", sha, 1234))),
                "another digest than the one signed");
        assertEquals("bad signature: the order is not signed by the fleet key", RequestCheck.problem(config,
                request("2.0.0", sha, 1234, sign(FleetKeys.generate(), "2.0.0", sha, 1234))), "another key");
        assertTrue(RequestCheck.problem(config, request("2.0.0 ; reboot", sha, 1234, sign(fleet, "2.0.0", sha, 1234)))
                .contains("version:"));
        Path noKey = Files.writeString(dir.resolve("nokey.json"), "{\"device\": {\"id\": \"u1\"}}");
        assertTrue(RequestCheck.problem(noKey, request("2.0.0", sha, 1234, sign(fleet, "2.0.0", sha, 1234)))
                .startsWith("no setup.publicKeyFile"));
    }
}
