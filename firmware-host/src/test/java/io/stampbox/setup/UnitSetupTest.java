package io.stampbox.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.counter.SetupDesk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unit's setup desk with a real key, a real storage dir and the unit's own validator. */
class UnitSetupTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Map<String, String> SETTINGS = Map.of("device.id", "till-9", "device.store", "bakery-9",
            "mqtt.url", "tcp://127.0.0.1:1884");

    @TempDir
    Path dir;

    private final KeyPair fleet = generate();
    private final AtomicInteger restarts = new AtomicInteger();

    private static KeyPair generate() {
        try {
            return FleetKeys.generate();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, JsonNode> fileKeys(boolean withKey) throws Exception {
        Path key = dir.resolve("fleet-setup.pub");
        Files.writeString(key, FleetKeys.pem(fleet.getPublic()));
        return ConfigLoader.flatten("""
                {"device": {"id": "unit-1", "store": "store-1"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "%s"}, "feedback": {"platform": "none"},
                 "codes": {"cardPattern": "^(?<card>C.+)$"} %s}
                """.formatted(dir.resolve("state"), withKey ? ", \"setup\": {\"publicKeyFile\": \"" + key + "\"}" : ""));
    }

    private SetupDesk desk(boolean withKey) throws Exception {
        Map<String, JsonNode> keys = fileKeys(withKey);
        UnitConfig config = ConfigLoader.fromLayers(keys, Map.of(), Map.of(), 0);
        return UnitSetup.forConfig(config, keys, Clock.fixed(NOW, ZoneOffset.UTC), restarts::incrementAndGet);
    }

    private Path kept() {
        return SetupLayer.file(dir.resolve("state"));
    }

    @Test
    void aValidCodeIsKeptAndItsFollowUpRestarts() throws Exception {
        SetupDesk.Verdict verdict = desk(true).scanned(SetupCodes.sign(SETTINGS, NOW.plusSeconds(60), fleet.getPrivate()));
        assertTrue(verdict.accepted(), verdict.detail());
        assertTrue(verdict.detail().contains("device.id=till-9"), verdict.detail());
        assertEquals(0, restarts.get(), "not before the signal is shown");
        verdict.afterSignal().run();
        assertEquals(1, restarts.get());
        Map<String, JsonNode> kept = ConfigLoader.flatten(Files.readString(kept()));
        assertEquals(3, kept.size());
        assertEquals("till-9", kept.get("device.id").asText());
        assertEquals("tcp://127.0.0.1:1884", kept.get("mqtt.url").asText());
    }

    @Test
    void aLaterCodeKeepsTheEarlierSettingsItDoesNotName() throws Exception {
        SetupDesk desk = desk(true);
        assertTrue(desk.scanned(SetupCodes.sign(SETTINGS, NOW.plusSeconds(60), fleet.getPrivate())).accepted());
        assertTrue(desk.scanned(SetupCodes.sign(Map.of("device.store", "bakery-10"), NOW.plusSeconds(60),
                fleet.getPrivate())).accepted());
        Map<String, JsonNode> kept = ConfigLoader.flatten(Files.readString(kept()));
        assertEquals("till-9", kept.get("device.id").asText());
        assertEquals("bakery-10", kept.get("device.store").asText());
    }

    @Test
    void expiredTamperedUnsignedAndForeignCodesAreRejectedAndNothingIsKept() throws Exception {
        SetupDesk desk = desk(true);
        String valid = SetupCodes.sign(SETTINGS, NOW.plusSeconds(60), fleet.getPrivate());
        String[] parts = valid.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("bakery-9", "bakery-6").getBytes(StandardCharsets.UTF_8));
        Map<String, String> cases = Map.of(
                SetupCodes.sign(SETTINGS, NOW.minusSeconds(1), fleet.getPrivate()), "expired at",
                "SBX1." + forged + "." + parts[2], "signature does not verify",
                "SBX1." + parts[1], "unsigned",
                SetupCodes.sign(SETTINGS, NOW.plusSeconds(60), generate().getPrivate()), "signature does not verify");
        cases.forEach((code, why) -> {
            SetupDesk.Verdict verdict = desk.scanned(code);
            assertFalse(verdict.accepted());
            assertTrue(verdict.detail().startsWith(why), verdict.detail());
        });
        assertFalse(Files.exists(kept()));
        assertEquals(0, restarts.get());
    }

    @Test
    void settingsThatDoNotValidateAreRejected() throws Exception {
        SetupDesk.Verdict verdict = desk(true).scanned(
                SetupCodes.sign(Map.of("mqtt.url", "http://nope"), NOW.plusSeconds(60), fleet.getPrivate()));
        assertFalse(verdict.accepted());
        assertTrue(verdict.detail().contains("mqtt.url"), verdict.detail());
        assertFalse(Files.exists(kept()));
    }

    @Test
    void withoutAKeyFileSetupByScanIsOff() throws Exception {
        SetupDesk desk = desk(false);
        assertSame(SetupDesk.OFF, desk);
        SetupDesk.Verdict verdict = desk.scanned(SetupCodes.sign(SETTINGS, NOW.plusSeconds(60), fleet.getPrivate()));
        assertFalse(verdict.accepted());
        assertEquals("setup by scan is not enabled on this unit", verdict.detail());
    }

    @Test
    void atBootTheKeptLayerLiesOverTheFileAndABrokenOneIsLeftOut() throws Exception {
        Map<String, JsonNode> keys = fileKeys(true);
        UnitConfig local = ConfigLoader.fromLayers(keys, Map.of(), Map.of(), 0);
        assertSame(keys, SetupLayer.over(keys, local).keys());
        assertTrue(desk(true).scanned(SetupCodes.sign(SETTINGS, NOW.plusSeconds(60), fleet.getPrivate())).accepted());
        SetupLayer.Boot boot = SetupLayer.over(keys, local);
        assertEquals("till-9", boot.config().device().id());
        assertEquals("bakery-9", boot.config().device().store());
        assertEquals("tcp://127.0.0.1:1884", boot.config().mqtt().url());
        assertEquals("till-9", boot.keys().get("device.id").asText());
        Files.writeString(kept(), "{\"device.id\": \"not valid!\", \"storage.dir\": \"/elsewhere\"}");
        assertEquals("unit-1", SetupLayer.over(keys, local).config().device().id());
        Files.writeString(kept(), "{not json");
        assertEquals("unit-1", SetupLayer.over(keys, local).config().device().id());
    }

    @Test
    void anUnreadableKeyFileIsAConfigErrorNamingTheField() throws Exception {
        Map<String, JsonNode> keys = fileKeys(true);
        Files.delete(dir.resolve("fleet-setup.pub"));
        try {
            ConfigLoader.fromLayers(keys, Map.of(), Map.of(), 0);
            throw new AssertionError("accepted a missing key file");
        } catch (ConfigException e) {
            assertTrue(e.errors().get(0).startsWith("setup.publicKeyFile: cannot read file"), e.errors().toString());
        }
    }

    @Test
    void aKeyFileThatIsNoKeyRejectsEveryCode() throws Exception {
        Map<String, JsonNode> keys = fileKeys(true);
        Files.writeString(dir.resolve("fleet-setup.pub"), "not a key\n");
        UnitConfig config = ConfigLoader.fromLayers(keys, Map.of(), Map.of(), 0);
        SetupDesk desk = UnitSetup.forConfig(config, keys, Clock.fixed(NOW, ZoneOffset.UTC), restarts::incrementAndGet);
        assertFalse(desk.scanned(SetupCodes.sign(SETTINGS, NOW.plusSeconds(60), fleet.getPrivate())).accepted());
    }
}
