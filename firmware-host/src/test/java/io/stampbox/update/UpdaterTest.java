package io.stampbox.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.setup.FleetKeys;
import io.stampbox.testing.Await;
import io.stampbox.testing.Certificates;
import io.stampbox.testing.ManualScheduler;
import io.stampbox.testing.ProcessTest;
import io.stampbox.wire.UpdateOrder;
import io.stampbox.wire.UpdateState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The updater's steps on a manual clock: the order's checks, idle and window, the hand-over, the proof, the result. */
@ProcessTest
class UpdaterTest {

    @TempDir
    static Path pkiDir;
    private static Certificates pki;
    private static KeyPair fleetKey;
    private static KeyPair otherKey;

    @TempDir
    Path storage;
    private final byte[] body = new byte[200_000];
    private String sha;
    private PackageServer server;
    private final ManualScheduler time = new ManualScheduler();
    private final List<UpdateState> published = new CopyOnWriteArrayList<>();
    private volatile Instant lastScan;
    private volatile boolean working;
    private String running = "1.0.0";
    private Updater updater;

    @BeforeAll
    static void keys() throws Exception {
        pki = new Certificates(pkiDir).ca("ca").leaf("server", "ca", "ec", "DNS:localhost,IP:127.0.0.1");
        fleetKey = FleetKeys.generate();
        otherKey = FleetKeys.generate();
    }

    @BeforeEach
    void serve() throws Exception {
        new Random(3).nextBytes(body);
        sha = Download.digest(Files.write(storage.resolve("source"), body));
        server = new PackageServer(pki.file("server.crt"), pki.file("server.key"), body);
        updater = updater(null);
    }

    @AfterEach
    void stop() {
        if (updater != null) {
            updater.close();
        }
        server.close();
    }

    private Updater updater(String window) throws Exception {
        UnitConfig config = ConfigLoader.parse("{\"device\": {\"id\": \"u1\", \"store\": \"s\"}, \"scanner\": {\"type\": "
                + "\"stdin\"}, \"storage\": {\"dir\": \"" + storage + "\"}, \"codes\": {\"cardPattern\": \"^C.*$\"}, \"mqtt\": {\"tls\": {\"caFile\": \""
                + pki.file("ca.crt") + "\"}}, \"workflow\": {\"timeZone\": \"UTC\"}, \"update\": {\"idleSeconds\": 60"
                + (window == null ? "" : ", \"window\": \"" + window + "\"") + "}}");
        Updater next = new Updater(time, time.clock(), () -> config, new UpdatePorts() {
            public Instant lastScanAt() {
                return lastScan;
            }

            public boolean working() {
                return working;
            }

            public String runningVersion() {
                return running;
            }
        }, storage, 10);
        next.publishTo(json -> {
            try {
                published.add(UpdateState.fromJson(json));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return CompletableFuture.completedFuture(null);
        });
        return next;
    }

    private UpdateOrder order(String version, String digest, long size, KeyPair key) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key.getPrivate());
        signer.update(UpdateOrder.signedBytes(version, digest, size));
        return new UpdateOrder(version, server.url(), digest, size, Base64.getEncoder().encodeToString(signer.sign()), "r1");
    }

    private UpdateState last() {
        return published.get(published.size() - 1);
    }

    private void awaitState(String state) {
        Await.until("state " + state, Await.TIMEOUT, () -> !published.isEmpty() && last().state().equals(state),
                () -> published.toString());
    }

    private Path dir(String name) {
        return storage.resolve("update").resolve(name);
    }

    @Test
    void aWronglySignedOrderIsRefusedBeforeAnythingIsDownloaded() throws Exception {
        UpdateRefused e = assertThrows(UpdateRefused.class,
                () -> updater.order(order("2.0.0", sha, body.length, otherKey), fleetKey.getPublic()));
        assertTrue(e.getMessage().startsWith("bad signature"), e.getMessage());
        UpdateOrder good = order("2.0.0", sha, body.length, fleetKey);
        UpdateOrder tampered = new UpdateOrder("2.0.0", good.url(), "b".repeat(64), good.size(), good.signature(), null);
        assertThrows(UpdateRefused.class, () -> updater.order(tampered, fleetKey.getPublic()));
        assertThrows(UpdateRefused.class, () -> updater.order(good, null));
        assertEquals(UpdateState.REFUSED, last().state());
        assertEquals(List.of(), server.ranges, "nothing downloaded");
        assertFalse(Files.exists(dir(HelperFiles.PACKAGE)));
    }

    @Test
    void theRunningVersionIsRefused() throws Exception {
        UpdateRefused e = assertThrows(UpdateRefused.class,
                () -> updater.order(order("1.0.0", sha, body.length, fleetKey), fleetKey.getPublic()));
        assertEquals("already running version 1.0.0", e.getMessage());
    }

    @Test
    void waitsForAnIdleCounterThenHandsThePackageToTheHelper() throws Exception {
        lastScan = time.clock().instant();
        assertEquals(UpdateState.PENDING, updater.order(order("2.0.0", sha, body.length, fleetKey), fleetKey.getPublic())
                .state());
        awaitState(UpdateState.WAITING_IDLE);
        assertTrue(last().reason().startsWith("last scan 0 s ago"), last().reason());
        assertThrows(UpdateRefused.class, () -> updater.order(order("3.0.0", sha, body.length, fleetKey),
                fleetKey.getPublic()), "one update at a time");
        for (int i = 0; i < 5; i++) { // scans keep coming: the counter is busy
            time.advance(30_000);
            lastScan = time.clock().instant();
        }
        assertFalse(Files.exists(dir(HelperFiles.REQUEST)), "never during a rush");
        time.advance(61_000);
        assertEquals(UpdateState.INSTALLING, last().state());
        String request = Files.readString(dir(HelperFiles.REQUEST));
        assertTrue(request.contains("version=2.0.0\nfrom=1.0.0\nsha256=" + sha + "\nsize=" + body.length
                + "\nverifySeconds=120\n"), request);
        assertEquals(sha, Download.digest(dir(HelperFiles.PACKAGE)));
        assertTrue(assertThrows(UpdateRefused.class, updater::cancel).getMessage().startsWith("too late"));
    }

    @Test
    void aRequestTheHelperNeverTakesFailsTheUpdate() throws Exception {
        updater.order(order("2.0.0", sha, body.length, fleetKey), fleetKey.getPublic());
        awaitState(UpdateState.WAITING_IDLE);
        time.advance(61_000);
        assertEquals(UpdateState.INSTALLING, last().state());
        time.advance(10_000);
        assertEquals(UpdateState.INSTALLING, last().state(), "the helper has a while");
        Files.setLastModifiedTime(dir(HelperFiles.REQUEST), java.nio.file.attribute.FileTime.from(
                time.clock().instant().minus(HelperFiles.HELPER_WAIT).minusSeconds(1)));
        time.advance(1_000);
        assertEquals(UpdateState.FAILED, last().state());
        assertEquals(HelperFiles.UNTAKEN, last().reason());
        assertFalse(Files.exists(dir(HelperFiles.REQUEST)) || Files.exists(dir(HelperFiles.PACKAGE)));
    }

    @Test
    void outsideTheWindowItWaitsEvenWhenIdle() throws Exception {
        updater.close();
        updater = updater("02:00-05:00"); // the manual clock reads 08:00 UTC
        updater.order(order("2.0.0", sha, body.length, fleetKey), fleetKey.getPublic());
        awaitState(UpdateState.WAITING_IDLE);
        time.advance(3_600_000);
        assertEquals(UpdateState.WAITING_IDLE, last().state());
        assertTrue(last().reason().startsWith("outside the maintenance window 02:00-05:00"), last().reason());
        assertFalse(Files.exists(dir(HelperFiles.REQUEST)));
        assertEquals(UpdateState.CANCELLED, updater.cancel().state());
        assertFalse(Files.exists(dir(HelperFiles.PACKAGE)));
    }

    @Test
    void aDigestMismatchFailsAndHandsNothingOver() throws Exception {
        updater.order(order("2.0.0", "c".repeat(64), body.length, fleetKey), fleetKey.getPublic());
        awaitState(UpdateState.FAILED);
        assertTrue(last().reason().startsWith("digest mismatch"), last().reason());
        time.advance(120_000);
        assertFalse(Files.exists(dir(HelperFiles.REQUEST)) || Files.exists(dir(HelperFiles.PACKAGE)));
    }

    @Test
    void theNewVersionProvesItWorksThenReportsTheHelpersResult() throws Exception {
        updater.order(order("2.0.0", sha, body.length, fleetKey), fleetKey.getPublic());
        awaitState(UpdateState.WAITING_IDLE);
        time.advance(61_000);
        assertEquals(UpdateState.INSTALLING, last().state());
        updater.close(); // the helper installs 2.0.0 and restarts the daemon
        running = "2.0.0";
        updater = updater(null);
        updater.start();
        assertEquals(UpdateState.VERIFYING, last().state());
        time.advance(5_000);
        assertFalse(Files.exists(dir(HelperFiles.VERIFIED)), "not working yet: no marker");
        working = true;
        time.advance(1_000);
        assertEquals("2.0.0\n", Files.readString(dir(HelperFiles.VERIFIED)));
        Files.writeString(dir(HelperFiles.RESULT), "version=2.0.0\nstate=done\nat=2026-11-30T08:02:00Z\n");
        time.advance(1_000);
        assertEquals(UpdateState.DONE, last().state());
        assertEquals("1.0.0", last().from());
        assertEquals(new UpdateState.Last("2.0.0", "done", null, last().at()), updater.lastUpdate());
        assertFalse(Files.exists(dir("order.json")) || Files.exists(dir(HelperFiles.RESULT)));
    }

    @Test
    void aRevertedVersionIsMarkedBadAndNeverTriedAgain() throws Exception {
        Files.createDirectories(dir(""));
        Files.writeString(dir(HelperFiles.RESULT), "version=2.0.0\nstate=reverted\nreason=the new version did not"
                + " start (crash loop)\u001b[31m\nat=2026-11-30T08:00:00Z\n", StandardCharsets.UTF_8);
        updater.start();
        assertEquals(UpdateState.REVERTED, last().state());
        assertEquals("the new version did not start (crash loop)?[31m", last().reason(), "control characters replaced");
        Updater afterRestart = updater(null);
        UpdateRefused e = assertThrows(UpdateRefused.class,
                () -> afterRestart.order(order("2.0.0", sha, body.length, fleetKey), fleetKey.getPublic()));
        assertTrue(e.getMessage().startsWith("version 2.0.0 is marked bad on this unit: the new version did not start"),
                e.getMessage());
        assertEquals(List.of(), server.ranges);
        assertNull(afterRestart.lastUpdate() == null ? null : afterRestart.lastUpdate().reason() == null ? "" : null,
                "lastUpdate kept across the restart, with its reason");
    }
}
