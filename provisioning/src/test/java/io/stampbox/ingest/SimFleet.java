package io.stampbox.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.fleet.FleetAgent;
import io.stampbox.fleet.FleetStart;
import io.stampbox.fleet.InertUnit;
import io.stampbox.health.Metrics;
import io.stampbox.outbox.OutboxException;
import io.stampbox.outbox.StoredEvent;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.time.Ticker;
import io.stampbox.uplink.Drainer;
import io.stampbox.uplink.PahoUplink;
import io.stampbox.uplink.StatusInfo;
import io.stampbox.uplink.UplinkOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * N simulated units in this JVM, each wired as the daemon's {@code CloudLink} and {@code Unit} wire them: the real
 * {@link PahoUplink} (its own connection, {@link UplinkOptions#defaults()}: the unit's own backoff), the real
 * {@link Drainer} (window 64, as the daemon) on an in-memory outbox, and the real {@link FleetAgent} (parse, validate,
 * fsynced {@code applied.json}, report) over an {@link InertUnit}; no scanner, LEDs or health reporter. Scan events are
 * the contract's JSON ({@link SimulatedUnit#stamp}), so the ingest stores them.
 */
final class SimFleet implements AutoCloseable {

    static final String ROOT = "stampbox/v1";
    /** The daemon's drain window ({@code CloudLink.DRAIN_WINDOW}). */
    static final int DRAIN_WINDOW = 64;

    record Unit(String id, MemoryOutbox outbox, PahoUplink uplink, Drainer drainer, FleetAgent agent) {}

    private final List<Unit> units = new ArrayList<>();

    /** Starts {@code count} units, unit {@code i} on {@code urlOf.apply(i)}, with {@code mqtt.protocol} {@code protocol}. */
    static SimFleet start(Path dir, int count, IntFunction<String> urlOf, String protocol)
            throws IOException, ConfigException {
        SimFleet fleet = new SimFleet();
        for (int i = 0; i < count; i++) {
            fleet.units.add(unit(dir, id(i), urlOf.apply(i), protocol));
        }
        return fleet;
    }

    static String id(int i) {
        return "sim-%04d".formatted(i);
    }

    private static Unit unit(Path dir, String id, String url, String protocol) throws IOException, ConfigException {
        Path storage = dir.resolve(id);
        Files.createDirectories(storage);
        Map<String, JsonNode> file = ConfigLoader.flatten("""
                {"device": {"id": "%s", "store": "s"}, "scanner": {"type": "stdin"}, "storage": {"dir": "%s"},
                 "codes": {"cardPattern": "^C(?<card>.+)$"}, "mqtt": {"url": "%s", "protocol": "%s"},
                 "feedback": {"platform": "none"}}
                """.formatted(id, storage, url, protocol));
        UnitConfig local = ConfigLoader.fromLayers(file, Map.of(), Map.of(), 0);
        FleetStart start = FleetStart.boot(file, local);
        AtomicReference<UnitConfig> config = new AtomicReference<>(start.config());
        PahoUplink uplink = new PahoUplink(local.device(), local.mqtt(),
                new StatusInfo("bench", Instant.now(), () -> config.get().version()), UplinkOptions.defaults());
        MemoryOutbox outbox = new MemoryOutbox();
        Drainer drainer = new Drainer(outbox, uplink, new Metrics(), DRAIN_WINDOW, Ticker.SYSTEM);
        InertUnit inert = new InertUnit(storage);
        FleetAgent agent = new FleetAgent(start, config, inert, inert, Clock.systemUTC());
        agent.attach(uplink);
        drainer.start();
        uplink.start();
        agent.start();
        return new Unit(id, outbox, uplink, drainer, agent);
    }

    int size() {
        return units.size();
    }

    long connected() {
        return units.stream().filter(u -> u.uplink().connected()).count();
    }

    /** Units whose outbox is empty (every event PUBACKed by the broker). */
    long drained() {
        return units.stream().filter(u -> u.outbox().depth() == 0).count();
    }

    long pending() {
        return units.stream().mapToLong(u -> u.outbox().depth()).sum();
    }

    /** The next {@code count} scan events of every unit, made ahead (JSON as the daemon writes it). */
    List<List<StoredEvent>> backlogs(int count) {
        List<List<StoredEvent>> all = new ArrayList<>(units.size());
        for (Unit u : units) {
            long first = u.outbox().nextSeq();
            List<StoredEvent> events = new ArrayList<>(count);
            for (long seq = first; seq < first + count; seq++) {
                events.add(new StoredEvent(seq, SimulatedUnit.stamp(u.id(), seq)));
            }
            all.add(events);
        }
        return all;
    }

    /** Appends each unit's backlog to its outbox (made by {@link #backlogs} for the same units). */
    void buffer(List<List<StoredEvent>> backlogs) {
        for (int i = 0; i < units.size(); i++) {
            try {
                units.get(i).outbox().append(backlogs.get(i), Map.of());
            } catch (OutboxException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stops every unit (agent, drainer, uplink with its offline status), 64 at a time. */
    @Override
    public void close() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<?>> stops = new ArrayList<>();
            for (Unit u : units) {
                stops.add(pool.submit(() -> {
                    u.agent().close();
                    u.drainer().close();
                    u.uplink().stop();
                }));
            }
            for (Future<?> f : stops) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        units.clear();
    }
}
