package io.stampbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.SignedDocument;
import io.stampbox.config.UnitConfig;
import io.stampbox.setup.FleetKeys;
import io.stampbox.testing.ManualScheduler;
import io.stampbox.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 items 1-3 on the unit's side, driven in manual time: what a remote document may change, signed
 * documents, the version floor, and a rollback that covers the scanner and the broker's refusals.
 */
class RemoteSafetyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ManualScheduler time = new ManualScheduler();
    private final ScriptedUplink uplink = new ScriptedUplink();
    private final AtomicBoolean scannerOpen = new AtomicBoolean(true);
    private KeyPair fleetKey;
    private AtomicReference<UnitConfig> config;

    @BeforeEach
    void keys() throws Exception {
        fleetKey = FleetKeys.generate();
        Files.writeString(dir.resolve("fleet.pub"), FleetKeys.pem(fleetKey.getPublic()));
    }

    private void boot(String url) throws Exception {
        Map<String, JsonNode> file = ConfigLoader.flatten("""
                {"device": {"id": "u1", "store": "s"}, "scanner": {"type": "stdin"}, "storage": {"dir": "%s"},
                 "codes": {"cardPattern": "^C(?<card>.+)$"}, "mqtt": {"url": "%s"}, "setup": {"publicKeyFile": "%s"},
                 "feedback": {"platform": "none"}, "config": {"rollbackSeconds": 120}}
                """.formatted(dir, url, dir.resolve("fleet.pub")));
        UnitConfig local = ConfigLoader.fromLayers(file, Map.of(), Map.of(), 0);
        FleetStart start = FleetStart.boot(file, local);
        config = new AtomicReference<>(start.config());
        InertUnit inert = new InertUnit(dir);
        Delivery delivery = new Delivery((UnitControl) java.lang.reflect.Proxy.newProxyInstance(
                UnitControl.class.getClassLoader(), new Class<?>[] {UnitControl.class},
                (proxy, method, args) -> method.getName().equals("scannerConnected")
                        ? scannerOpen.get() : method.invoke(inert, args)));
        FleetConfiguration fleet = new FleetConfiguration(start, config, inert, time, time.clock(), delivery);
        fleet.attach(uplink);
        uplink.connect();
        fleet.start();
    }

    private String signed(String inner) throws Exception {
        return SignedDocument.seal(inner.getBytes(StandardCharsets.UTF_8), fleetKey.getPrivate());
    }

    private void unitDoc(String json) {
        uplink.deliver(Topics.CONFIG_DESIRED, Topics.CONFIG_DESIRED, json);
    }

    private JsonNode lastReport() throws Exception {
        List<ScriptedUplink.Published> reports = uplink.published(Topics.CONFIG_REPORTED);
        return JSON.readTree(reports.get(reports.size() - 1).payload());
    }

    private String lastErrors() throws Exception {
        return lastReport().path("rejected").path("errors").toString();
    }

    @Test
    void anUnsignedRedirectOrSilencingKeyChangesNothing() throws Exception {
        boot("tcp://127.0.0.1:1");
        unitDoc("{\"version\": 5, \"mqtt\": {\"url\": \"tcp://evil:1883\", \"topicRoot\": \"x\"}}");
        assertEquals("tcp://127.0.0.1:1", config.get().mqtt().url());
        assertTrue(lastErrors().contains("mqtt.url: may only be set by a document signed with the fleet key"),
                lastErrors());
        unitDoc("""
                {"version": 6, "scanner": {"type": "serial"}, "feedback": {"platform": "console"},
                 "storage": {"maxEvents": 1}, "codes": {"totp": {"periodSeconds": 3600}}, "clock.assumeSynced": true}""");
        String errors = lastErrors();
        for (String key : List.of("scanner.type", "feedback.platform", "storage.maxEvents", "codes.totp.periodSeconds",
                "clock.assumeSynced")) {
            assertTrue(errors.contains(key + ": may only be set in the unit's local file"), errors);
        }
        assertEquals(0, config.get().version());
    }

    @Test
    void aSignedRedirectAppliesOnlyForItsScopeWithAValidSignatureAndNeverToTcpFromSsl() throws Exception {
        boot("tcp://127.0.0.1:1");
        unitDoc(signed("{\"version\": 5, \"scope\": \"u2\", \"mqtt\": {\"url\": \"tcp://127.0.0.1:2\"}}"));
        assertTrue(lastErrors().contains("scope: this document is signed for \\\"u2\\\", not for \\\"u1\\\""),
                lastErrors());
        String forged = signed("{\"version\": 6, \"scope\": \"u1\", \"mqtt\": {\"url\": \"tcp://127.0.0.1:2\"}}")
                .replace("\"signature\": \"", "\"signature\": \"AA");
        unitDoc(forged);
        assertTrue(lastErrors().contains("signature: "), lastErrors());
        assertEquals("tcp://127.0.0.1:1", config.get().mqtt().url());
        unitDoc(signed("{\"version\": 7, \"scope\": \"u1\", \"mqtt\": {\"url\": \"ssl://127.0.0.1:2\"}}"));
        assertEquals("ssl://127.0.0.1:2", config.get().mqtt().url());
        unitDoc(signed("{\"version\": 8, \"scope\": \"u1\", \"mqtt\": {\"url\": \"tcp://127.0.0.1:3\"}}"));
        assertTrue(lastErrors().contains("mqtt.url: never from ssl:// to tcp://"), lastErrors());
        assertEquals("ssl://127.0.0.1:2", config.get().mqtt().url());
    }

    @Test
    void aBrokerListAndTheRateCapNeedASignatureAndAListNeverLeavesTls() throws Exception {
        boot("tcp://127.0.0.1:1");
        unitDoc("{\"version\": 5, \"mqtt\": {\"urls\": [\"tcp://evil:1883\"], \"rate\": {\"perSecond\": 1}}}");
        String errors = lastErrors();
        for (String key : List.of("mqtt.urls", "mqtt.rate.perSecond")) {
            assertTrue(errors.contains(key + ": may only be set by a document signed with the fleet key"), errors);
        }
        assertEquals(List.of("tcp://127.0.0.1:1"), config.get().mqtt().urls());
        unitDoc(signed("{\"version\": 6, \"scope\": \"u1\", \"mqtt\": {\"urls\": [\"ssl://127.0.0.1:2\", \"ssl://127.0.0.1:3\"],"
                + " \"preset\": \"aws-iot\"}}"));
        assertEquals(List.of("ssl://127.0.0.1:2", "ssl://127.0.0.1:3"), config.get().mqtt().urls(), lastErrors());
        assertEquals(80, config.get().mqtt().limits().perSecond());
        unitDoc(signed("{\"version\": 7, \"scope\": \"u1\", \"mqtt\": {\"urls\": [\"tcp://127.0.0.1:2\", \"tcp://127.0.0.1:3\"]}}"));
        assertTrue(lastErrors().contains("mqtt.urls[0]: never from ssl:// to tcp://"), lastErrors());
        assertEquals(List.of("ssl://127.0.0.1:2", "ssl://127.0.0.1:3"), config.get().mqtt().urls());
    }

    @Test
    void aRefusedVersionDoesNotRaiseTheFloorAndAFarFutureOneIsRefused() throws Exception {
        boot("tcp://127.0.0.1:1");
        unitDoc("{\"version\": 9223372036854775807, \"health\": {\"intervalSeconds\": 30}}");
        assertTrue(lastErrors().contains("version: more than a year ahead"), lastErrors());
        unitDoc("{\"version\": 100, \"health\": {\"intervalSeconds\": \"soon\"}}");
        assertEquals(100, lastReport().path("rejected").path("version").asLong());
        unitDoc("{\"version\": 50, \"health\": {\"intervalSeconds\": 30}}");
        assertEquals(50, config.get().version(), "a later document below the refused versions still applies");
        assertEquals(30, config.get().health().intervalSeconds());
    }

    @Test
    void aScannerThatDoesNotOpenRollsBackButAnUnpluggedOneDoesNotBlockOtherChanges() throws Exception {
        boot("tcp://127.0.0.1:1");
        scannerOpen.set(false);
        unitDoc("{\"version\": 3, \"codes\": {\"cooldownSeconds\": 60}}");
        time.advance(120_000);
        assertEquals(3, config.get().version(), "the scanner did not change: an unplugged one is not the change's fault");
        unitDoc("{\"version\": 4, \"scanner\": {\"port\": \"/dev/nothing-here\"}}");
        time.advance(119_999);
        assertEquals(4, config.get().version());
        time.advance(1);
        assertEquals(3, config.get().version(), "rolled back");
        assertEquals("[\"rollback: the scanner was not open 120 s after applying version 4\"]", lastErrors());
        unitDoc("{\"version\": 4, \"scanner\": {\"port\": \"/dev/nothing-here\"}}");
        assertEquals(3, config.get().version(), "a rolled-back version is not applied again");
    }

    @Test
    void theUplinksGateRollsBackAChangeAndASignedResetLowersTheFloor() throws Exception {
        boot("tcp://127.0.0.1:1");
        uplink.refusePublishes("refused: not authorized on stampbox/v1/u1/status");
        unitDoc("{\"version\": 9, \"health\": {\"intervalSeconds\": 30}}");
        time.advance(120_000);
        assertEquals(0, config.get().version());
        assertEquals("[\"rollback: publishes refused (refused: not authorized on stampbox/v1/u1/status) 120 s after applying version 9\"]",
                lastErrors());
        uplink.refusePublishes(null);
        unitDoc("{\"version\": 8, \"health\": {\"intervalSeconds\": 40}}");
        assertEquals(0, config.get().version(), "below the rolled-back floor: ignored");
        unitDoc(signed("{\"version\": 2, \"scope\": \"u1\", \"reset\": true, \"health\": {\"intervalSeconds\": 40}}"));
        assertEquals(2, config.get().version(), "the admin's signed reset");
        unitDoc("{\"version\": 3, \"health\": {\"intervalSeconds\": 50}}");
        assertEquals(3, config.get().version());
    }

    @Test
    void anOversizedDocumentIsRefusedUnread() throws Exception {
        boot("tcp://127.0.0.1:1");
        unitDoc("{\"version\": 5, \"device\": {\"store\": \"" + "x".repeat(70_000) + "\"}}");
        assertTrue(lastErrors().contains("bytes refused (at most 65536)"), lastErrors());
        assertEquals(0, config.get().version());
    }
}
