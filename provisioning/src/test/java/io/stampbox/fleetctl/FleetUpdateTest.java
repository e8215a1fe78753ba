package io.stampbox.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.fleetctl.SimulatedUpdateUnits.Outcome;
import io.stampbox.testing.Await;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code update start|status|pause|resume|abort} against a real mosquitto and simulated units that answer
 * {@code cmd/update} with {@code update/state} sequences: canaries and waves, the failure limit, the admin's
 * pause and abort, a rollout whose process is gone, hostile retained states.
 */
@BrokerTest
@SlowTest
class FleetUpdateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "stampbox/v1";

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private MosquittoBroker broker;
    private KeyPair keys;
    private Path order;

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    @BeforeEach
    void brokerAndOrder() throws Exception {
        broker = MosquittoBroker.builder(dir).start();
        open.add(broker);
        keys = UpdateSignTest.fleetKeys();
        Path key = UpdateSignTest.writeKey(dir, keys, "rw-------");
        Path deb = dir.resolve("stampbox_1.4.0_all.deb");
        Files.write(deb, new byte[100_000]);
        order = dir.resolve("order.json");
        Run sign = run("update", "sign", "--deb", deb.toString(), "--url", "https://updates.example/stampbox_1.4.0_all.deb",
                "--key", key.toString(), "--out", order.toString());
        assertEquals(0, sign.exit(), sign.err());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        if (!args[1].equals("sign")) {
            all.addAll(List.of("--url", broker.url(), "--timeout", "5"));
        }
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        assertFalse(err.toString().contains("Exception") || err.toString().contains("\tat "), err.toString());
        return new Run(exit, out.toString(), err.toString());
    }

    private SimulatedUpdateUnits units(Map<String, Outcome> outcomes) throws Exception {
        SimulatedUpdateUnits units = new SimulatedUpdateUnits(broker.url(), ROOT, keys.getPublic(), outcomes);
        open.add(units);
        return units;
    }

    private static Map<String, Outcome> fleet(int n, Outcome outcome) {
        Map<String, Outcome> all = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            all.put(String.format("till-%02d", i), outcome);
        }
        return all;
    }

    private static JsonNode unit(JsonNode rollout, String id) {
        for (JsonNode u : rollout.path("units")) {
            if (u.path("unit").asText().equals(id)) {
                return u;
            }
        }
        throw new AssertionError(id + " is not in the rollout: " + rollout);
    }

    @Test
    void aStagedRolloutPausesItselfPastTheFailureLimitAndResumesToTheEnd() throws Exception {
        Map<String, Outcome> outcomes = fleet(20, Outcome.DONE);
        List<String> order20 = SimulatedUpdateUnits.rolloutOrder(List.copyOf(outcomes.keySet()));
        String bad = order20.get(1); // in the second wave (canary, then 2)
        outcomes.put(bad, Outcome.REVERTED);
        SimulatedUpdateUnits units = units(outcomes);

        Run start = run("update", "start", "--fleet", "--order", order.toString(), "--max-failures", "10%", "--json");
        assertEquals(1, start.exit(), start.err());
        JsonNode rollout = start.json();
        assertEquals("paused", rollout.path("state").asText(), start.out());
        assertTrue(rollout.path("reason").asText().startsWith("1 of 3 units reached failed, reverted or refused"),
                rollout.toString());
        assertEquals("reverted", unit(rollout, bad).path("state").asText());
        assertEquals("the uplink did not connect within 120 s", unit(rollout, bad).path("reason").asText());
        for (int i = 0; i < 20; i++) {
            assertEquals(i < 3 ? 1 : 0, units.orders(order20.get(i)).size(), "orders to unit " + i + " " + order20.get(i));
        }
        assertEquals(List.of(1, 2), List.of(unit(rollout, order20.get(0)).path("wave").asInt() + 1,
                unit(rollout, bad).path("wave").asInt() + 1));

        Run status = run("update", "status");
        assertEquals(1, status.exit(), status.err());
        assertTrue(status.out().contains("paused (1 of 3 units reached"), status.out());
        assertTrue(status.out().contains("wave not started"), status.out());

        Run resume = run("update", "resume", "--max-failures", "50%", "--json");
        assertEquals(1, resume.exit(), "one unit reverted: " + resume.err());
        rollout = resume.json();
        assertEquals("done", rollout.path("state").asText(), resume.out());
        assertEquals(19, rollout.path("counts").path("done").asInt());
        assertEquals(1, rollout.path("counts").path("reverted").asInt());
        for (String u : order20) {
            assertEquals(1, units.orders(u).size(), u + " got the order once");
            assertEquals(rollout.path("id").asText(), units.orders(u).get(0).rollout());
        }
        assertEquals(1, run("update", "status", "--json").exit());
    }

    @Test
    void anAdminPausesTheRunningRolloutThenAbortsIt() throws Exception {
        SimulatedUpdateUnits units = units(fleet(3, Outcome.HOLD));
        CompletableFuture<Run> start = CompletableFuture.supplyAsync(
                () -> run("update", "start", "--unit", "till-01,till-02,till-03", "--order", order.toString()));
        String canary = SimulatedUpdateUnits.rolloutOrder(List.of("till-01", "till-02", "till-03")).get(0);
        Await.until("the canary's order", Await.TIMEOUT, () -> !units.orders(canary).isEmpty());

        Run pause = run("update", "pause");
        assertEquals(0, pause.exit(), pause.err());
        Run started = start.get(10, TimeUnit.SECONDS);
        assertEquals(1, started.exit(), started.out() + started.err());
        assertTrue(started.out().contains("paused by "), started.out());

        units.release(canary, Outcome.DONE); // a unit already sent the order finishes it while paused
        Await.until("the canary done in status", Await.TIMEOUT,
                () -> unit(run("update", "status", "--json").json(), canary).path("state").asText().equals("done"));
        Run abort = run("update", "abort");
        assertEquals(0, abort.exit(), abort.err());
        assertTrue(abort.out().contains("aborted"), abort.out());
        Run resume = run("update", "resume");
        assertEquals(1, resume.exit());
        assertTrue(resume.err().contains("is aborted: nothing to resume"), resume.err());
        assertEquals(1, units.orders(canary).size());
        List.of("till-01", "till-02", "till-03").stream().filter(u -> !u.equals(canary))
                .forEach(u -> assertEquals(0, units.orders(u).size(), u + " is past the canary: never sent"));
        assertEquals(List.of(), units.cancels(), "the canary was done: nothing to cancel");
    }

    @Test
    void abortCancelsUpdatesThatHaveNotReachedInstalling() throws Exception {
        SimulatedUpdateUnits units = units(fleet(2, Outcome.HOLD));
        CompletableFuture<Run> start = CompletableFuture.supplyAsync(() -> run("update", "start", "--unit",
                "till-01,till-02", "--canaries", "2", "--order", order.toString()));
        Await.until("both orders", Await.TIMEOUT, () -> units.orders("till-01").size() + units.orders("till-02").size() == 2);
        Await.until("the driver has seen them downloading", Await.TIMEOUT, () -> run("update", "status", "--json").json()
                .path("counts").path("downloading").asInt() == 2);
        Run abort = run("update", "abort");
        assertEquals(0, abort.exit(), abort.err());
        assertEquals(1, start.get(10, TimeUnit.SECONDS).exit());
        Await.until("two cancels", Await.TIMEOUT, () -> units.cancels().size() == 2);
    }

    @Test
    void resumeTakesOverARunningRolloutWhoseProcessIsGone() throws Exception {
        SimulatedUpdateUnits units = units(fleet(3, Outcome.DONE));
        List<String> order3 = SimulatedUpdateUnits.rolloutOrder(List.of("till-01", "till-02", "till-03"));
        io.stampbox.wire.UpdateOrder signed = UpdateWire.order(Files.readAllBytes(order));
        Rollout orphan = new Rollout("r-orphan", signed, FailureLimit.parse("0"), Rollout.plan(order3, 1, 0), "2026-11-30T10:00:00Z");
        orphan.wavesStarted = 1;
        orphan.units.get(order3.get(0)).sentAt = "2026-11-30T10:00:01Z"; // sent, then the process died
        MqttClient admin = new MqttClient(broker.url(), "crashed-admin", new MemoryPersistence());
        admin.connect();
        admin.publish(ROOT + "/_fleet/update/rollout", orphan.toJson(), 1, true);
        admin.disconnect();
        admin.close();

        Run status = run("update", "status");
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.err().contains("no process drives it"), status.err());
        Run resume = run("update", "resume", "--json");
        assertEquals(0, resume.exit(), resume.out() + resume.err());
        assertEquals(3, resume.json().path("counts").path("done").asInt());
        order3.forEach(u -> assertEquals(1, units.orders(u).size(), u));
    }

    @Test
    void anOfflineUnitStaysPendingHoldsItsWaveAndGetsTheOrderWhenItComesBack() throws Exception {
        List<String> two = SimulatedUpdateUnits.rolloutOrder(List.of("till-01", "till-02"));
        Map<String, Outcome> outcomes = new LinkedHashMap<>(Map.of(two.get(0), Outcome.SILENT, two.get(1), Outcome.DONE));
        SimulatedUpdateUnits units = units(outcomes);
        CompletableFuture<Run> start = CompletableFuture.supplyAsync(
                () -> run("update", "start", "--fleet", "--order", order.toString()));
        Await.until("the canary sent the order", Await.TIMEOUT, () -> {
            JsonNode rollout = run("update", "status", "--json").json();
            return rollout.has("units") && !unit(rollout, two.get(0)).path("sentAt").isNull();
        });
        Run status = run("update", "status");
        assertTrue(status.out().contains("no answer yet (offline?)"), status.out());
        assertEquals(0, units.orders(two.get(1)).size(), "the next wave waits for the canary");
        assertFalse(start.isDone());

        units.comesBack(two.get(0), Outcome.DONE);
        Run started = start.get(10, TimeUnit.SECONDS);
        assertEquals(0, started.exit(), started.out() + started.err());
        assertEquals(1, units.orders(two.get(0)).size(), "the order sent again when it came back, and taken once");
        assertEquals(1, units.orders(two.get(1)).size());
    }

    @Test
    void anOrderSignedWithAnotherKeyIsRefusedByTheCanaryAndTheRolloutPauses() throws Exception {
        SimulatedUpdateUnits units = units(fleet(5, Outcome.DONE));
        Path otherKey = UpdateSignTest.writeKey(dir.resolve("other"), UpdateSignTest.fleetKeys(), "rw-------");
        Path deb = dir.resolve("stampbox_1.4.0_all.deb");
        Path forged = dir.resolve("forged.json");
        assertEquals(0, run("update", "sign", "--deb", deb.toString(), "--url", "https://h/p.deb", "--key",
                otherKey.toString(), "--out", forged.toString()).exit());
        Run start = run("update", "start", "--fleet", "--order", forged.toString(), "--json");
        assertEquals(1, start.exit(), start.err());
        JsonNode rollout = start.json();
        assertEquals("paused", rollout.path("state").asText());
        String canary = SimulatedUpdateUnits.rolloutOrder(List.copyOf(fleet(5, Outcome.DONE).keySet())).get(0);
        assertEquals("refused", unit(rollout, canary).path("state").asText());
        assertEquals("signature: does not verify with the fleet key", unit(rollout, canary).path("reason").asText());
        assertEquals(1, rollout.path("counts").path("refused").asInt(), "no unit past the canary got the order");
        fleet(5, Outcome.DONE).keySet().forEach(u -> assertEquals(0, units.orders(u).size()));
    }

    @Test
    void ofTwoProcessesDrivingOneRolloutOneStops() throws Exception {
        SimulatedUpdateUnits units = units(fleet(2, Outcome.HOLD));
        CompletableFuture<Run> start = CompletableFuture.supplyAsync(
                () -> run("update", "start", "--fleet", "--order", order.toString()));
        Await.until("an order", Await.TIMEOUT, () -> units.orders("till-01").size() + units.orders("till-02").size() == 1);
        String id = run("update", "status", "--json").json().path("id").asText();
        MqttClient rival = new MqttClient(broker.url(), "rival-admin", new MemoryPersistence());
        rival.connect();
        rival.publish(ROOT + "/_fleet/update/driver", ("{\"rollout\": \"" + id + "\", \"alive\": true, \"driver\": \"0\"}")
                .getBytes(), 1, false);
        rival.disconnect();
        rival.close();
        Run stopped = start.get(10, TimeUnit.SECONDS);
        assertEquals(1, stopped.exit());
        assertEquals("stampbox-fleet: another process (0) drives rollout " + id + " since the same moment: this one"
                + " stopped, that one goes on", stopped.err().strip());
        JsonNode status = run("update", "status", "--json").json();
        assertEquals("running", status.path("state").asText(), "the one that stopped leaves the rollout to the other");
        assertTrue(status.path("driverAlive").asBoolean());
    }

    @Test
    void aUnitThatAlreadyRunsTheVersionIsDoneNotAFailure() throws Exception {
        Map<String, Outcome> outcomes = fleet(3, Outcome.DONE);
        String canary = SimulatedUpdateUnits.rolloutOrder(List.copyOf(outcomes.keySet())).get(0);
        outcomes.put(canary, Outcome.ALREADY); // its status still says 1.3.0: only its refusal tells
        units(outcomes);
        Run start = run("update", "start", "--fleet", "--order", order.toString(), "--max-failures", "0", "--json");
        assertEquals(0, start.exit(), start.out() + start.err());
        assertEquals("done", unit(start.json(), canary).path("state").asText());
        assertEquals("already runs 1.4.0", unit(start.json(), canary).path("reason").asText());
    }

    @Test
    void aBrokerThatIsDownIsOneLineExitOne() throws Exception {
        broker.stop();
        for (String[] command : List.of(new String[] {"update", "status"}, new String[] {"update", "pause"},
                new String[] {"update", "start", "--order", order.toString()})) {
            Run r = run(command);
            assertEquals(1, r.exit(), r.err());
            assertEquals("stampbox-fleet: cannot reach the broker at " + broker.url() + ": connection refused",
                    r.err().strip());
        }
    }

    @Test
    void hostileUpdateStatesAreIgnoredWithANote() throws Exception {
        SimulatedUpdateUnits units = units(fleet(2, Outcome.DONE));
        units.garbageFirst("till-02", "not json", "{\"version\": \"1.4.0\", \"state\": \"owned\", \"at\": \"2026-11-30T10:00:00Z\"}",
                "{\"version\": \"1.4.0\", \"state\": \"done\", \"at\": \"2026-11-30T10:00:00Z\", \"reason\": \""
                        + "x".repeat(600) + "\"}", "[" .repeat(5000));
        Run start = run("update", "start", "--fleet", "--order", order.toString(), "--canaries", "2");
        assertEquals(0, start.exit(), start.out() + start.err());
        assertTrue(start.err().contains("ignored update/state from till-02: payload: must be a JSON object"), start.err());
        assertTrue(start.err().contains("ignored update/state from till-02: state: must be one of"), start.err());
        assertTrue(start.err().contains("ignored update/state from till-02: reason: must be a string of 1..512"), start.err());
        assertTrue(start.out().contains("done 2"), start.out());

        MqttClient vandal = new MqttClient(broker.url(), "vandal", new MemoryPersistence());
        vandal.connect();
        vandal.publish(ROOT + "/_fleet/update/rollout", "{\"units\": 5}".getBytes(), 1, true);
        vandal.disconnect();
        vandal.close();
        Run status = run("update", "status", "--json");
        assertEquals(1, status.exit());
        assertTrue(status.err().contains("does not read: the rollout document is not an object with a list of units"),
                status.err());
        assertEquals(1, JSON.readTree(status.out()).path("exitCode").asInt());
        assertEquals(1, units.orders("till-01").size());
    }

}
