package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.fleet.FleetAgent;
import io.stampbox.fleet.FleetStart;
import io.stampbox.fleet.InertUnit;
import io.stampbox.uplink.PahoUplink;
import io.stampbox.uplink.StatusInfo;
import io.stampbox.uplink.UplinkOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the stampbox-fleet tests share: the tool run in-process ({@link #fleet}, its output in {@link #out} and
 * {@link #err}), and units made of the real FleetAgent on a real PahoUplink, with no scanner or LEDs
 * ({@link #unit}). Whatever a test opens goes into {@link #open}, closed after it in reverse order.
 */
abstract class FleetCliTest {

    @TempDir
    Path dir;
    final List<AutoCloseable> open = new ArrayList<>();
    StringWriter out;
    StringWriter err;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Runs {@code stampbox-fleet args}; returns its exit code. */
    int fleet(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    /** A unit on the broker at {@code url} whose status names {@code store}. */
    void unit(String url, String id, String store) throws Exception {
        Map<String, JsonNode> file = ConfigLoader.flatten("""
                {"device": {"id": "%s", "store": "%s"}, "scanner": {"type": "stdin"}, "storage": {"dir": "%s"},
                 "codes": {"cardPattern": "^C(?<card>.+)$"}, "mqtt": {"url": "%s"}, "feedback": {"platform": "none"}}
                """.formatted(id, store, dir.resolve(id), url));
        UnitConfig local = ConfigLoader.fromLayers(file, Map.of(), Map.of(), 0);
        Files.createDirectories(local.storage().dir());
        FleetStart start = FleetStart.boot(file, local);
        AtomicReference<UnitConfig> config = new AtomicReference<>(start.config());
        PahoUplink uplink = new PahoUplink(local.device(), local.mqtt(),
                new StatusInfo("9.9.9", Instant.now(), () -> config.get().version(), store), UplinkOptions.defaults());
        InertUnit inert = new InertUnit(local.storage().dir());
        FleetAgent agent = new FleetAgent(start, config, inert, inert, Clock.systemUTC());
        agent.attach(uplink);
        uplink.start();
        agent.start();
        open.add(uplink::stop);
        open.add(agent);
    }
}
