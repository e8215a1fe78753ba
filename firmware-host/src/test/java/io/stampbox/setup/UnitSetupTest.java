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
import java.util.List;
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
    private static final String SERIAL = "10000000abcdef01";
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile boolean synced = true;

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
        return UnitSetup.forConfig(config, keys, Clock.fixed(NOW, ZoneOffset.UTC), () -> synced, () -> SERIAL,
                restarts::incrementAndGet);
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
        SetupDesk desk = UnitSetup.forConfig(config, keys, Clock.fixed(NOW, ZoneOffset.UTC), () -> synced, () -> SERIAL,
                restarts::incrementAndGet);
        assertFalse(desk.scanned(SetupCodes.sign(SETTINGS, NOW.plusSeconds(60), fleet.getPrivate())).accepted());
    }

    private String code(Map<String, String> settings, SetupCodes.Binding binding) throws Exception {
        return SetupCodes.sign(settings, binding, SetupCodes.newNonce(), NOW.plusSeconds(600), fleet.getPrivate());
    }

    private static void rejected(SetupDesk.Verdict verdict, String why) {
        assertFalse(verdict.accepted(), verdict.detail());
        assertTrue(verdict.detail().startsWith(why), verdict.detail());
    }

    @Test
    void aCodeIsBoundToItsUnitOrSerialOrExplicitlyAny() throws Exception {
        SetupDesk desk = desk(true);
        rejected(desk.scanned(code(SETTINGS, SetupCodes.Binding.unit("till-1"))),
                "made for unit till-1, not for this unit (unit-1)");
        rejected(desk.scanned(code(SETTINGS, SetupCodes.Binding.serial("10000000ffffffff"))),
                "made for hardware serial 10000000ffffffff, not for this unit (10000000abcdef01)");
        assertFalse(Files.exists(kept()), "nothing kept");
        for (SetupCodes.Binding binding : List.of(SetupCodes.Binding.unit("unit-1"), SetupCodes.Binding.serial(SERIAL),
                SetupCodes.Binding.ANY)) {
            SetupDesk.Verdict verdict = desk(true).scanned(code(SETTINGS, binding));
            assertTrue(verdict.accepted(), binding + ": " + verdict.detail());
            verdict.afterSignal().run();
        }
        assertEquals(3, restarts.get());
    }

    @Test
    void aCodeIsSingleUseEvenAfterARestart() throws Exception {
        String once = code(SETTINGS, SetupCodes.Binding.ANY);
        SetupDesk.Verdict first = desk(true).scanned(once);
        assertTrue(first.accepted(), first.detail());
        first.afterSignal().run();
        Files.delete(kept()); // the installer edits back: the code must still not apply twice
        rejected(desk(true).scanned(once), "already used: this code was taken before");
        assertEquals(1, restarts.get());
        assertFalse(Files.exists(kept()));
    }

    @Test
    void aCodeIdenticalToWhatRunsIsAcceptedWithoutARestart() throws Exception {
        SetupDesk.Verdict verdict = desk(true).scanned(code(Map.of("device.id", "unit-1", "device.store", "store-1"),
                SetupCodes.Binding.ANY));
        assertTrue(verdict.accepted(), verdict.detail());
        assertTrue(verdict.detail().endsWith("is what the unit runs already; nothing to do"), verdict.detail());
        verdict.afterSignal().run();
        assertEquals(0, restarts.get());
        assertFalse(Files.exists(kept()));
    }

    @Test
    void withoutASynchronisedClockEveryCodeIsRefusedAndNothingIsUsedUp() throws Exception {
        synced = false;
        String code = code(SETTINGS, SetupCodes.Binding.ANY);
        rejected(desk(true).scanned(code), "the unit's clock is not synchronised");
        synced = true;
        assertTrue(desk(true).scanned(code).accepted(), "the same code once the clock is synchronised");
    }

    @Test
    void validityIsCappedAndOldUnboundCodesAreRefused() throws Exception {
        rejected(desk(true).scanned(SetupCodes.sign(SETTINGS, SetupCodes.Binding.ANY, SetupCodes.newNonce(),
                NOW.plus(SetupCodes.MAX_VALIDITY).plusSeconds(1), fleet.getPrivate())), "valid until");
        java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
        signer.initSign(fleet.getPrivate());
        byte[] payload = ("{\"v\":1,\"expiresAt\":\"" + NOW.plusSeconds(60) + "\",\"config\":{\"device.id\":\"till-9\"}}")
                .getBytes(StandardCharsets.UTF_8);
        signer.update(payload);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        rejected(desk(true).scanned("SBX1." + b64.encodeToString(payload) + "." + b64.encodeToString(signer.sign())),
                "not bound to a unit or without a nonce");
    }

    @Test
    void aCodeNeverMovesTheUnitFromTlsToPlainTcp() throws Exception {
        Map<String, JsonNode> keys = new java.util.HashMap<>(fileKeys(true));
        keys.put("mqtt.url", com.fasterxml.jackson.databind.node.TextNode.valueOf("ssl://broker.example:8883"));
        UnitConfig config = ConfigLoader.fromLayers(keys, Map.of(), Map.of(), 0);
        SetupDesk desk = UnitSetup.forConfig(config, keys, Clock.fixed(NOW, ZoneOffset.UTC), () -> true, () -> SERIAL,
                restarts::incrementAndGet);
        rejected(desk.scanned(code(SETTINGS, SetupCodes.Binding.ANY)), "mqtt.url: would move the unit from ssl://");
        assertFalse(Files.exists(kept()));
    }

    @Test
    void aCodeNeverMovesAUnitWithASecureBrokerListToPlainTcp() throws Exception {
        Map<String, JsonNode> keys = new java.util.HashMap<>(fileKeys(true));
        keys.remove("mqtt.url");
        keys.put("mqtt.urls", new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("[\"ssl://a.example:8883\", \"ssl://b.example:8883\"]"));
        UnitConfig config = ConfigLoader.fromLayers(keys, Map.of(), Map.of(), 0);
        SetupDesk desk = UnitSetup.forConfig(config, keys, Clock.fixed(NOW, ZoneOffset.UTC), () -> true, () -> SERIAL,
                restarts::incrementAndGet);
        rejected(desk.scanned(code(SETTINGS, SetupCodes.Binding.ANY)), "mqtt.url: would move the unit from ssl://");
        assertFalse(Files.exists(kept()));
    }

    @Test
    void theHardwareSerialIsReadFromTheDeviceTreeOrCpuinfo() throws Exception {
        Path tree = dir.resolve("serial-number");
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nSerial\t\t: 10000000cafe0001\nModel\t: Raspberry Pi 4\n");
        assertEquals("10000000cafe0001", HardwareSerial.read(tree, cpuinfo));
        Files.writeString(tree, "10000000beef0002\0");
        assertEquals("10000000beef0002", HardwareSerial.read(tree, cpuinfo));
        assertEquals(null, HardwareSerial.read(dir.resolve("none"), dir.resolve("none2")));
    }
}
