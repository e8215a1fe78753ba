package io.stampbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.UnitConfig;
import io.stampbox.fleet.FleetAgent;
import io.stampbox.fleet.Layers;
import io.stampbox.health.Metrics;
import io.stampbox.outbox.ReopeningOutbox;
import io.stampbox.outbox.StoredEvent;
import io.stampbox.time.ThreadScheduler;
import io.stampbox.uplink.Uplink;
import io.stampbox.wire.AtomicFiles;
import io.stampbox.wire.ScanEvent;
import io.stampbox.wire.UnitSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit's live view for {@code stampbox-provision status}: a {@link UnitSnapshot} in {@code state.json}
 * under the runtime directory ({@code $RUNTIME_DIRECTORY}, /run/stampbox under systemd; else
 * {@code storage.dir/run}), mode 0640, replaced atomically when it changed (looked at every second) and
 * at least every 30 s, deleted at a clean stop. Thread: "state-file" (its own scheduler); it only reads
 * what other parts publish for reading (volatile fields, leaf monitors, the outbox's reads).
 */
final class LiveStateFile implements AutoCloseable {

    static final String NAME = "state.json";
    static final long TICK_MILLIS = 1_000;
    static final long HEARTBEAT_MILLIS = 30_000;
    private static final Logger log = LoggerFactory.getLogger(LiveStateFile.class);

    /** What the view reads. */
    record Sources(Supplier<UnitConfig> config, Instant bootedAt, Map<String, JsonNode> file,
            Map<String, JsonNode> booted, BooleanSupplier scannerConnected, Supplier<Uplink> uplink,
            ReopeningOutbox outbox, Supplier<String> storage, RecentSignals signals, Metrics metrics) {}

    private final Path file;
    private final Sources sources;
    private final Clock clock;
    private final ThreadScheduler thread = new ThreadScheduler("state-file");
    private byte[] written;
    private long writtenAt;
    private long layersFor = -1;
    private Layers layers = Layers.NONE;
    private long oldestSeq;
    private String oldestAt;
    private boolean failing;

    LiveStateFile(Path dir, Sources sources, Clock clock) {
        this.file = dir.resolve(NAME);
        this.sources = sources;
        this.clock = clock;
    }

    /** $RUNTIME_DIRECTORY (systemd's RuntimeDirectory=), else {@code storage.dir/run}. */
    static Path directory(Map<String, String> env, Path storageDir) {
        String runtime = env.get("RUNTIME_DIRECTORY");
        return runtime == null || runtime.isBlank() ? storageDir.resolve("run") : Path.of(runtime.split(":")[0]);
    }

    void start() {
        thread.execute(this::tick);
    }

    private void tick() {
        try {
            UnitSnapshot now = snapshot(null);
            byte[] compared = now.toJson();
            long ms = clock.millis();
            if (!Arrays.equals(compared, written) || ms - writtenAt >= HEARTBEAT_MILLIS) {
                AtomicFiles.write(file, snapshot(clock.instant().toString()).toJson(),
                        PosixFilePermissions.fromString("rw-r-----"), temp -> { });
                written = compared;
                writtenAt = ms;
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                log.warn("live view: cannot write {}: {}", file, e.getMessage());
            }
            failing = true;
        }
        thread.schedule(this::tick, TICK_MILLIS);
    }

    private UnitSnapshot snapshot(String at) {
        UnitConfig config = sources.config().get();
        if (config.version() != layersFor) { // the kept layers change only with the configuration's version
            layers = FleetAgent.keptLayers(config.storage().dir());
            layersFor = config.version();
        }
        Map<String, Long> versions = new LinkedHashMap<>();
        versions.put("fleet", layers.fleet().version());
        versions.put("unit", layers.unit().version());
        Map<String, Long> counters = new LinkedHashMap<>();
        for (Metrics.Tally t : Metrics.Tally.values()) {
            counters.put(t.jsonName(), sources.metrics().get(t));
        }
        Instant lastScan = sources.metrics().lastScanAt();
        return new UnitSnapshot(ProcessHandle.current().pid(), at, Version.current(), config.device().id(),
                config.device().store(), sources.bootedAt().toString(), config.version(), versions,
                ConfigSources.of(sources.file(), sources.booted(), layers), scanner(config), uplink(config),
                outbox(), sources.signals().last(), counters, lastScan == null ? null : lastScan.toString());
    }

    private UnitSnapshot.Scanner scanner(UnitConfig config) {
        boolean serial = config.scanner().type() == UnitConfig.ScannerType.SERIAL;
        return new UnitSnapshot.Scanner(serial ? "serial" : "stdin", serial ? config.scanner().port() : null,
                sources.scannerConnected().getAsBoolean());
    }

    private UnitSnapshot.Uplink uplink(UnitConfig config) {
        Uplink uplink = sources.uplink().get();
        List<String> urls = config.mqtt().enabled()
                ? List.of(config.mqtt().url().replaceAll("://[^/@]*@", "://").split(",")) : List.of();
        return uplink == null ? new UnitSnapshot.Uplink(urls, "OFFLINE", null)
                : new UnitSnapshot.Uplink(urls, uplink.state().name(), uplink.lastError());
    }

    private UnitSnapshot.Outbox outbox() {
        ReopeningOutbox outbox = sources.outbox();
        if (!outbox.available()) {
            return new UnitSnapshot.Outbox(null, null, null, sources.storage().get());
        }
        long seq = outbox.oldestPendingSeq();
        if (seq != oldestSeq) {
            List<StoredEvent> found = seq == 0 ? List.of() : outbox.read(seq, 1);
            oldestAt = found.isEmpty() ? null : ScanEvent.scannedAtOf(found.get(0).payload());
            oldestSeq = seq;
        }
        return new UnitSnapshot.Outbox(outbox.depth(), seq == 0 ? null : seq, oldestAt, sources.storage().get());
    }

    /** Stops the thread and deletes the file: no view of a unit that is not running. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("live view: cannot delete {}: {}", file, e.getMessage());
        }
    }
}
