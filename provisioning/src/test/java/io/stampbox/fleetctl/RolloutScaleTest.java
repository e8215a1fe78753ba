package io.stampbox.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.fleetctl.SimulatedUpdateUnits.Outcome;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollout over 300 simulated units (the fleet) on a real mosquitto, doubling waves: how long the
 * tool's own part takes (the units answer at once) and how large the retained rollout grows. Prints
 * {@code ROLLOUT-SCALE units=... waves=... seconds=... documentBytes=...}; updates.md quotes it.
 */
@BrokerTest
@SlowTest
class RolloutScaleTest {

    @TempDir
    Path dir;

    @Test
    void threeHundredUnitsInDoublingWaves() throws Exception {
        KeyPair keys = UpdateSignTest.fleetKeys();
        Path deb = dir.resolve("stampbox_1.4.0_all.deb");
        Files.write(deb, new byte[1000]);
        Path order = dir.resolve("order.json");
        assertEquals(0, Main.commandLine().execute("update", "sign", "--deb", deb.toString(), "--url", "https://h/p.deb",
                "--key", UpdateSignTest.writeKey(dir, keys, "rw-------").toString(), "--out", order.toString()));
        Map<String, Outcome> all = new LinkedHashMap<>();
        for (int i = 1; i <= 300; i++) {
            all.put(String.format("till-%03d", i), Outcome.DONE);
        }
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                SimulatedUpdateUnits units = new SimulatedUpdateUnits(broker.url(), "stampbox/v1", keys.getPublic(), all)) {
            StringWriter out = new StringWriter();
            long started = System.nanoTime();
            int exit = Main.commandLine().setOut(new PrintWriter(out, true)).execute("update", "start", "--fleet",
                    "--order", order.toString(), "--url", broker.url(), "--json");
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals(0, exit, out.toString());
            JsonNode rollout = new ObjectMapper().readTree(out.toString());
            assertEquals(300, rollout.path("counts").path("done").asInt());
            all.keySet().forEach(u -> assertEquals(1, units.orders(u).size(), u));
            System.out.printf("ROLLOUT-SCALE units=300 waves=%d seconds=%.1f documentBytes=%d%n",
                    rollout.path("waves").asInt(), seconds, out.toString().length());
        }
    }
}
