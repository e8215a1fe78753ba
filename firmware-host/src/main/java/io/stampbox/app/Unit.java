package io.stampbox.app;

import io.stampbox.contract.UnitConfig;
import io.stampbox.counter.CounterPipeline;
import io.stampbox.counter.Redeemer;
import io.stampbox.counter.StatusBoard;
import io.stampbox.counter.SystemClockStatus;
import io.stampbox.health.Metrics;
import io.stampbox.outbox.MapDbOutbox;
import io.stampbox.outbox.OutboxException;
import io.stampbox.scan.Scanner;
import io.stampbox.scan.SerialScanner;
import io.stampbox.scan.StdinScanner;
import io.stampbox.scan.profile.ScannerProfiles;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.IndicatorException;
import io.stampbox.signal.Indicators;
import io.stampbox.signal.NoIndicator;
import io.stampbox.systemd.Watchdog;
import io.stampbox.uplink.UplinkException;
import io.stampbox.voucher.VoucherDesk;
import java.io.PrintStream;
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
    private final CloudLink cloud;
    private final Watchdog watchdog;
    private final VoucherDesk vouchers;

    private Unit(UnitConfig initial, PrintStream out) {
        Clock clock = Clock.systemUTC();
        Instant bootedAt = clock.instant();
        config = new AtomicReference<>(initial);
        stopRecord = new StopRecord(initial.storage().dir());
        String lastStop = stopRecord.begin();
        log.info("stampbox-host {} starting as {} for store {} (last stop: {})",
                Version.current(), initial.device().id(), initial.device().store(), lastStop);
        Metrics metrics = new Metrics();
        indicator = openIndicator(initial.feedback(), out);
        StatusBoard status = new StatusBoard(indicator);
        status.scannerConnected(false);
        Path outboxDir = initial.storage().dir().resolve("outbox");
        outbox = new ReopeningOutbox(() -> openOutbox(outboxDir, initial.storage().maxEvents(), clock, status),
                outboxDir.toString());
        outbox.retainCardStampsFor(initial.codes().cooldownSeconds() * 1000L);
        cloud = openCloud(initial, metrics, new CloudLink.Sources(bootedAt, status::scannerConnected,
                () -> config.get().version(), lastStop, () -> storageCondition(status)), clock);
        vouchers = cloud == null ? null : new VoucherDesk(cloud.uplink(), metrics);
        pipeline = new CounterPipeline(config::get, outbox, indicator, status, metrics, clock,
                new SystemClockStatus(initial.clock().assumeSynced()), vouchers == null ? Redeemer.OFFLINE : vouchers);
        scanner = initial.scanner().type() == UnitConfig.ScannerType.SERIAL
                ? new SerialScanner(initial.scanner(), ScannerProfiles.forName(initial.scanner().profile()))
                : new StdinScanner(System.in, initial.scanner().maxFrameBytes());
        watchdog = Watchdog.fromEnvironment(pipeline::responsive);
    }

    private CloudLink openCloud(UnitConfig initial, Metrics metrics, CloudLink.Sources sources, Clock clock) {
        if (!initial.mqtt().enabled()) {
            log.warn("no mqtt.url configured: running offline, every scan stays in the outbox");
            return null;
        }
        try {
            return new CloudLink(initial, outbox, metrics, sources, clock);
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
        return opened;
    }

    static Unit start(UnitConfig config, PrintStream out) {
        Unit unit = new Unit(config, out);
        unit.pipeline.start();
        unit.scanner.start(unit.pipeline);
        if (unit.cloud != null) {
            unit.vouchers.start();
            unit.cloud.start();
        }
        unit.watchdog.start();
        log.info("ready to scan ({} scanner{})", config.scanner().type().name().toLowerCase(),
                config.scanner().port() == null ? "" : " on " + config.scanner().port());
        return unit;
    }

    /** Stops taking scans, finishes the commit in progress, then releases everything in reverse order. */
    void stop() {
        log.info("stopping");
        watchdog.stop();
        scanner.close();
        pipeline.close();
        if (cloud != null) {
            vouchers.close();
            cloud.stop();
        }
        outbox.close();
        indicator.close();
        stopRecord.clean();
        log.info("stopped cleanly");
    }
}
