package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import io.stampbox.wire.ScanEvent;
import io.stampbox.setup.FleetKeys;
import io.stampbox.setup.SetupCodes;
import io.stampbox.outbox.MapDbOutbox;
import io.stampbox.outbox.StoredEvent;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Setup by scan at the unit, as an installer does it: scan a signed code at the counter, see
 * {@code accepted}, the unit restarts (exit 75, systemd starts it again) as the new device.
 */
@ProcessTest
@SlowTest
class UnitSetupByScanEndToEndTest {

    @TempDir
    Path dir;

    private final KeyPair fleet = FleetKeys.generate();

    UnitSetupByScanEndToEndTest() throws Exception {}

    private Path configWithKey() throws Exception {
        Path key = dir.resolve("fleet-setup.pub");
        Files.writeString(key, FleetKeys.pem(fleet.getPublic()));
        return UnitConfigs.write(dir, "{\"type\": \"stdin\"}", "\"setup\": {\"publicKeyFile\": \"" + key + "\"}, "
                + "\"clock\": {\"assumeSynced\": true}");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void onlyAValidCodeConfiguresTheUnitWhichRestartsAsTheNewDevice() throws Exception {
        Path config = configWithKey();
        String url = "tcp://127.0.0.1:" + closedPort();
        Map<String, String> settings = Map.of("device.id", "till-9", "device.store", "bakery-9", "mqtt.url", url);
        Instant later = Instant.now().plusSeconds(600);
        String valid = SetupCodes.sign(settings, later, fleet.getPrivate());
        String[] parts = valid.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("bakery-9", "bakery-6").getBytes(StandardCharsets.UTF_8));
        List<String> refused = List.of(
                SetupCodes.sign(settings, Instant.now().minusSeconds(60), fleet.getPrivate()),
                "SBX1." + forged + "." + parts[2],
                "SBX1." + parts[1],
                SetupCodes.sign(settings, later, FleetKeys.generate().getPrivate()));
        try (UnitProcess unit = UnitProcess.start(config, dir)) {
            unit.awaitReady();
            for (String code : refused) {
                unit.type(code);
                assertEquals("SIGNAL rejected", unit.awaitSignal());
            }
            unit.type(valid);
            assertEquals("SIGNAL accepted", unit.awaitSignal(), "a setup code is no stamp: no event id");
            assertEquals(Main.EXIT_RESTART, unit.awaitExit(Duration.ofSeconds(20)), unit.stderr());
            String log = unit.stderr();
            assertTrue(log.contains("rejected: expired at"), log);
            assertTrue(log.contains("rejected: unsigned"), log);
            assertTrue(log.contains("rejected: signature does not verify"), log);
            assertTrue(log.contains("accepted: {device.id=till-9, device.store=bakery-9, mqtt.url=" + url + "}"), log);
            assertFalse(log.contains(parts[1]), "a setup code in full in the log");
        }
        assertTrue(Files.exists(dir.resolve("data/config/setup.json")));
        try (UnitProcess again = UnitProcess.start(config, dir)) {
            again.awaitReady();
            assertTrue(again.stderr().contains("starting as till-9 for store bakery-9"), again.stderr());
            again.type("CARD-1234");
            assertTrue(UnitStdinEndToEndTest.ACCEPTED.matcher(again.awaitSignal()).matches(), again.seen().toString());
            again.type(valid); // replayed: single-use, so no second restart
            assertEquals("SIGNAL rejected", again.awaitSignal());
            again.type(SetupCodes.sign(settings, SetupCodes.Binding.unit("till-1"), SetupCodes.newNonce(), later,
                    fleet.getPrivate()));
            assertEquals("SIGNAL rejected", again.awaitSignal());
            again.signal("TERM");
            assertEquals(0, again.awaitExit(Duration.ofSeconds(20)), again.stderr());
            assertTrue(again.stderr().contains("uplink: " + url), "the new broker is the one tried: " + again.stderr());
            assertTrue(again.stderr().contains("rejected: already used: this code was taken before"), again.stderr());
            assertTrue(again.stderr().contains("rejected: made for unit till-1, not for this unit (till-9)"),
                    again.stderr());
        }
        try (MapDbOutbox outbox = MapDbOutbox.open(dir.resolve("data/outbox"), 1_000_000, Clock.systemUTC())) {
            List<StoredEvent> stored = outbox.read(1, 10);
            assertEquals(1, stored.size(), "setup codes never reach the outbox");
            ScanEvent event = ScanEvent.fromJson(stored.get(0).payload());
            assertEquals("till-9", event.deviceId());
            assertEquals("bakery-9", event.storeId());
        }
    }

    @Test
    void withoutAKeyInstalledEverySetupCodeIsRejected() throws Exception {
        Path config = UnitConfigs.stdin(dir);
        try (UnitProcess unit = UnitProcess.start(config, dir)) {
            unit.awaitReady();
            unit.type(SetupCodes.sign(Map.of("device.id", "till-9"), Instant.now().plusSeconds(600), fleet.getPrivate()));
            assertEquals("SIGNAL rejected", unit.awaitSignal());
            unit.signal("TERM");
            assertEquals(0, unit.awaitExit(Duration.ofSeconds(20)));
            assertTrue(unit.stderr().contains("setup by scan is not enabled on this unit"), unit.stderr());
        }
        assertFalse(Files.exists(dir.resolve("data/config/setup.json")));
    }
}
