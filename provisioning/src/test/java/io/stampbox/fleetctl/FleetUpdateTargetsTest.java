package io.stampbox.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.fleetctl.SimulatedUpdateUnits.Outcome;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code update start}'s choice of units against a real mosquitto holding 20 simulated units' retained status:
 * {@code --percent} picks the same units every time (10% inside 50%), {@code --store}, {@code --dry-run} sends
 * nothing, a second rollout is refused while one is paused, bad options are exit 2.
 */
@BrokerTest
@SlowTest
class FleetUpdateTargetsTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run fleet(String url, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", url));
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** The units each wave line of a dry run names. */
    private static List<String> planned(Run dryRun) {
        List<String> units = new ArrayList<>();
        dryRun.out().lines().forEach(l -> units.addAll(List.of(l.substring(l.indexOf(": ") + 2).split(", "))));
        return units;
    }

    @Test
    void percentStoreDryRunAndOneRolloutAtATime() throws Exception {
        KeyPair keys = UpdateSignTest.fleetKeys();
        Path deb = dir.resolve("stampbox_1.4.0_all.deb");
        Files.write(deb, new byte[1000]);
        Path order = dir.resolve("order.json");
        assertEquals(0, Main.commandLine().execute("update", "sign", "--deb", deb.toString(), "--url", "https://h/p.deb",
                "--key", UpdateSignTest.writeKey(dir, keys, "rw-------").toString(), "--out", order.toString()));
        Map<String, Outcome> all = new LinkedHashMap<>();
        for (int i = 1; i <= 20; i++) {
            all.put(String.format("till-%02d", i), Outcome.DONE);
        }
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                SimulatedUpdateUnits units = new SimulatedUpdateUnits(broker.url(), "stampbox/v1", keys.getPublic(), all)) {
            String url = broker.url();
            List<String> hashOrder = SimulatedUpdateUnits.rolloutOrder(List.copyOf(all.keySet()));
            Run ten = fleet(url, "update", "start", "--order", order.toString(), "--percent", "10", "--dry-run");
            assertEquals(0, ten.exit(), ten.err());
            assertEquals(hashOrder.subList(0, 2), planned(ten));
            assertEquals("canaries: " + hashOrder.get(0) + "\nwave 2: " + hashOrder.get(1) + "\n", ten.out());
            Run half = fleet(url, "update", "start", "--order", order.toString(), "--percent", "50", "--dry-run",
                    "--canaries", "2", "--wave-size", "3");
            assertEquals(hashOrder.subList(0, 10), planned(half));
            assertEquals(List.of(2, 3, 3, 2), half.out().lines().map(l -> l.split(", ").length).toList());
            assertEquals(20, planned(fleet(url, "update", "start", "--order", order.toString(), "--store", "store-1",
                    "--dry-run")).size());
            Run none = fleet(url, "update", "start", "--order", order.toString(), "--store", "nowhere");
            assertEquals(1, none.exit());
            assertTrue(none.err().startsWith("stampbox-fleet: no unit chosen"), none.err());
            all.keySet().forEach(u -> assertEquals(0, units.orders(u).size(), u + ": a dry run sends nothing"));

            Run bad = fleet(url, "update", "start", "--order", order.toString(), "--max-failures", "ten");
            assertEquals(2, bad.exit());
            assertTrue(bad.err().startsWith("stampbox-fleet: --max-failures: must be a share such as 10%"), bad.err());
            Files.writeString(dir.resolve("bad-order.json"), "{\"version\": \"1.4.0\"}");
            bad = fleet(url, "update", "start", "--order", dir.resolve("bad-order.json").toString());
            assertEquals(2, bad.exit());
            assertTrue(bad.err().startsWith("stampbox-fleet: url: "), bad.err());

            Run first = fleet(url, "update", "start", "--order", order.toString(), "--unit", "till-01,till-02",
                    "--max-failures", "0", "--canaries", "2");
            assertEquals(0, first.exit(), first.err());
            assertEquals(0, fleet(url, "update", "start", "--order", order.toString(), "--unit", "till-03").exit(),
                    "a done rollout does not stand in the way of the next");
            Run status = fleet(url, "update", "status");
            assertTrue(status.out().contains("done 1"), status.out());

            Rollout paused = new Rollout("r-paused", UpdateWire.order(Files.readAllBytes(order)),
                    FailureLimit.parse("10%"), List.of(List.of("till-05")), "2026-11-30T10:00:00Z");
            paused.state = Rollout.PAUSED;
            org.eclipse.paho.client.mqttv3.MqttClient admin = new org.eclipse.paho.client.mqttv3.MqttClient(url, "admin-2",
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            admin.connect();
            admin.publish("stampbox/v1/_fleet/update/rollout", paused.toJson(), 1, true);
            admin.disconnect();
            admin.close();
            Run refused = fleet(url, "update", "start", "--order", order.toString(), "--unit", "till-06");
            assertEquals(1, refused.exit());
            assertEquals("stampbox-fleet: rollout r-paused (1.4.0) is paused: stampbox-fleet update abort it first, or"
                    + " update resume it", refused.err().strip());
            assertEquals(0, units.orders("till-06").size());
            assertEquals(0, fleet(url, "update", "abort").exit());
            assertEquals(0, fleet(url, "update", "start", "--order", order.toString(), "--unit", "till-06").exit());
        }
    }
}
