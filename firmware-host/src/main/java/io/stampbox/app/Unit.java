package io.stampbox.app;

import io.stampbox.time.ThreadScheduler;
import io.stampbox.time.Scheduler;
import io.stampbox.time.Ticker;
import io.stampbox.outbox.ReopeningOutbox;
import io.stampbox.config.UnitConfig;
import io.stampbox.counter.CounterPipeline;
import io.stampbox.counter.StatusBoard;
import io.stampbox.counter.SystemClockStatus;
import io.stampbox.fleet.FleetAgent;
import io.stampbox.fleet.FleetStart;
import io.stampbox.fleet.SwappableIndicator;
import io.stampbox.fleet.SwappableScanner;
import io.stampbox.health.Metrics;
import io.stampbox.setup.UnitSetup;
import io.stampbox.outbox.MapDbOutbox;
import io.stampbox.outbox.OutboxException;
import io.stampbox.scan.Scanner;
import io.stampbox.scan.SerialScanner;
import io.stampbox.scan.StdinScanner;
import io.stampbox.scan.profile.ScannerProfiles;
import io.stampbox.signal.GuideLight;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.IndicatorException;
import io.stampbox.signal.Indicators;
import io.stampbox.signal.NoIndicator;
import io.stampbox.signal.StaffButton;
import io.stampbox.signal.StaffButtons;
import io.stampbox.systemd.Watchdog;
import io.stampbox.uplink.UplinkException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Map;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running unit: builds every adapter from the configuration (the only place that does), starts
 * them in order and stops them in reverse.
 */
final class Unit {

    private static final Logger log = LoggerFactory.getLogger(Unit.class);

    private final AtomicReference<UnitConfig> config;
    private final StopRecord stopRecord;
    private final Indicator indicator;
    private final ReopeningOutbox outbox;
    private final CounterPipeline pipeline;
    private final Scanner scanner;
    private final StaffButton button;
    private final GuideLight guideLight;
    private final CurrentCloud cloud;
    private final ThreadScheduler setupRestart = new ThreadScheduler("setup-restart");
    private final FleetAgent fleet;
    private final Watchdog watchdog;
    private final LiveStateFile liveState;

    private Unit(FleetStart start, Map<String, JsonNode> file, PrintStream out, Runnable restart) {
        UnitConfig initial = start.config();
        Clock clock = Clock.systemUTC();
        Instant bootedAt = clock.instant();
        config = new AtomicReference<>(initial);
        stopRecord = new StopRecord(initial.storage().dir());
        String lastStop = stopRecord.begin();
        log.info("stampbox-host {} starting as {} for store {} (last stop: {})",
                Version.current(), initial.device().id(), initial.device().store(), lastStop);
        Metrics metrics = new Metrics();
        SwappableIndicator indicator = new SwappableIndicator(openIndicator(initial.feedback(), out));
        this.indicator = indicator;
        RecentSignals signals = new RecentSignals(indicator, clock);
        StatusBoard status = new StatusBoard(indicator);
        status.scannerConnected(false);
        guideLight = openGuideLight(initial);
        status.guideLight(guideLight);
        Path outboxDir = initial.storage().dir().resolve("outbox");
        outbox = new ReopeningOutbox(() -> openOutbox(outboxDir, initial.storage().maxEvents(), clock, status),
                outboxDir.toString(), Ticker.SYSTEM);
        outbox.retainCardStampsFor(initial.codes().cooldownSeconds() * 1000L);
        SwappableScanner scanner = new SwappableScanner(openScanner(initial));
        this.scanner = scanner;
        CloudLink.Sources sources = new CloudLink.Sources(bootedAt, status::scannerConnected,
                () -> config.get().version(), lastStop, () -> storageCondition(status), indicator::signals,
                this::lastUpdate, status::uplinkRefused);
        cloud = new CurrentCloud(next -> openCloud(next, metrics, sources, clock));
        SystemClockStatus clockStatus = new SystemClockStatus(initial.clock().assumeSynced());
        pipeline = new CounterPipeline(new CounterPipeline.Parts(config::get, outbox, signals, status, metrics, clock,
                clockStatus, cloud,
                UnitSetup.forConfig(initial, start.file(), clock, clockStatus, afterSignalPlays(restart, setupRestart)),
                Ticker.SYSTEM, null));
        button = openButton(initial);
        watchdog = Watchdog.fromEnvironment(pipeline::responsive);
        PartRebuilds rebuilds = new PartRebuilds(indicator, scanner, new PartRebuilds.Factories(
                feedback -> openIndicator(feedback, out), Unit::openScanner), outbox, cloud);
        String running = Version.current();
        fleet = new FleetAgent(start, config, rebuilds, new UnitControls(config::get, indicator, scanner, outbox,
                cloud, restart), new UnitUpdatePorts(metrics::lastScanAt,
                        () -> pipeline.responsive() && scanner.connected() && cloud.publishesAccepted(), running),
                clock);
        liveState = new LiveStateFile(LiveStateFile.directory(System.getenv(), initial.storage().dir()),
                new LiveStateFile.Sources(config::get, bootedAt, file, start.file(), status::scannerConnected,
                        cloud::uplink, outbox, () -> storageCondition(status), signals, metrics), clock);
    }

    /** The last software update's outcome for status and health (read once the fleet agent is built). */
    private io.stampbox.wire.UpdateState.Last lastUpdate() {
        return fleet == null ? null : fleet.lastUpdate();
    }

    private static Scanner openScanner(UnitConfig config) {
        return config.scanner().type() == UnitConfig.ScannerType.SERIAL
                ? new SerialScanner(config.scanner(), ScannerProfiles.forName(config.scanner().profile()))
                : new StdinScanner(System.in, config.scanner().maxFrameBytes());
    }

    private static GuideLight openGuideLight(UnitConfig config) {
        try {
            return GuideLight.forConfig(config.feedback(), config.workflow());
        } catch (IndicatorException e) {
            log.error("guide light unavailable, running without it: {}", e.getMessage(), e);
            return GuideLight.NONE;
        }
    }

    /** A button that cannot be read must not stop stamps from being recorded: say so and go on. */
    private static StaffButton openButton(UnitConfig config) {
        try {
            return StaffButtons.forConfig(config.feedback(), config.staff());
        } catch (IndicatorException e) {
            log.error("staff button unavailable, running without it (no undo, no staff-confirm presses): {}",
                    e.getMessage(), e);
            return StaffButton.NONE;
        }
    }

    private CloudLink openCloud(UnitConfig initial, Metrics metrics, CloudLink.Sources sources, Clock clock) {
        if (!initial.mqtt().enabled()) {
            log.warn("no mqtt.url configured: running offline, every scan stays in the outbox");
            return null;
        }
        try {
            return new CloudLink(initial, outbox, metrics, sources, clock, payload -> pipeline.scanResult(payload));
        } catch (UplinkException e) {
            log.error("cannot set up the MQTT uplink, running offline (scans stay in the outbox): {}",
                    e.getMessage(), e);
            return null;
        }
    }

    private String storageCondition(StatusBoard status) {
        if (!outbox.available()) {
            return "unavailable";
        }
        return status.storageFault() ? "fault" : status.storageRecovered() ? "recovered" : "ok";
    }

    /** LEDs that cannot be driven must not stop stamps from being recorded: say so and go on. */
    private static Indicator openIndicator(UnitConfig.Feedback feedback, PrintStream out) {
        try {
            return Indicators.forConfig(feedback, out);
        } catch (IndicatorException e) {
            log.error("LEDs and buzzer unavailable, running without signals: {}", e.getMessage(), e);
            return new NoIndicator();
        }
    }

    private static MapDbOutbox openOutbox(Path dir, long maxEvents, Clock clock, StatusBoard status)
            throws OutboxException {
        MapDbOutbox opened = MapDbOutbox.open(dir, maxEvents, clock);
        if (opened.recoveredFromCorruption()) {
            status.markStorageRecovered();
        }
        opened.onLoss(status::markStorageRecovered); // a stored event found damaged later
        return opened;
    }

    /**
     * Restarts once the longest signal has played, so that staff see the whole {@code accepted}; the wait
     * runs on {@code timer} ("setup-restart" in the unit), never on the scan pipeline's thread.
     */
    static Runnable afterSignalPlays(Runnable restart, Scheduler timer) {
        return () -> timer.schedule(restart, Indicator.LONGEST_SIGNAL_MILLIS);
    }

    /**
     * @param file the local file's own keys (the live view tells them from the setup layer's)
     * @param restart asks Main to stop the unit and exit with {@link Main#EXIT_RESTART}
     */
    static Unit start(FleetStart start, Map<String, JsonNode> file, PrintStream out, Runnable restart) {
        UnitConfig config = start.config();
        Unit unit = new Unit(start, file, out, restart);
        unit.pipeline.start();
        unit.scanner.start(unit.pipeline);
        unit.button.start(unit.pipeline);
        unit.cloud.start(config, unit.fleet::attach);
        unit.fleet.start();
        unit.watchdog.start();
        unit.liveState.start();
        boolean serial = config.scanner().type() == UnitConfig.ScannerType.SERIAL;
        if (serial) {
            log.info("started; scans are taken once the scanner on {} is open (its own log line says when)",
                    config.scanner().port());
        } else {
            log.info("ready to scan (stdin scanner)");
        }
        return unit;
    }

    /** Stops taking scans, finishes the commit in progress, then releases everything in reverse order. */
    void stop() {
        log.info("stopping");
        liveState.close();
        watchdog.stop();
        scanner.close();
        guideLight.close();
        button.close();
        pipeline.close();
        fleet.close();
        cloud.stop();
        setupRestart.shutdownNow();
        outbox.close();
        indicator.close();
        stopRecord.clean();
        log.info("stopped cleanly");
    }
}
