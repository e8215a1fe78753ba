package io.stampbox.app;

import io.stampbox.outbox.ReopeningOutbox;
import io.stampbox.config.UnitConfig;
import io.stampbox.counter.Redeemer;
import io.stampbox.fleet.LiveUnit;
import io.stampbox.fleet.SwappableIndicator;
import io.stampbox.fleet.SwappableScanner;
import io.stampbox.fleet.UnitControl;
import io.stampbox.outbox.Outbox;
import io.stampbox.scan.Scanner;
import io.stampbox.signal.Indicator;
import io.stampbox.uplink.Uplink;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The unit's replaceable parts, as the fleet agent sees them: it rebuilds them on a configuration change
 * ({@link LiveUnit}) and the commands look at them ({@link UnitControl}). Rebuilds run on the "fleet"
 * thread; {@link #stopCloud} on the stopping thread.
 */
final class LiveParts implements LiveUnit, UnitControl, Redeemer {

    private final SwappableIndicator indicator;
    private final Function<UnitConfig.Feedback, Indicator> indicators;
    private final SwappableScanner scanner;
    private final Function<UnitConfig, Scanner> scanners;
    private final Function<UnitConfig, CloudLink> clouds;
    private final ReopeningOutbox outbox;
    private final Path storageDir;
    private final Runnable restart;
    private volatile String platform;
    private volatile Consumer<Uplink> attach = u -> { };
    private volatile CloudLink cloud;
    private boolean stopped;

    record Factories(Function<UnitConfig.Feedback, Indicator> indicators, Function<UnitConfig, Scanner> scanners,
            Function<UnitConfig, CloudLink> clouds) {}

    LiveParts(UnitConfig initial, SwappableIndicator indicator, SwappableScanner scanner, Factories factories,
            ReopeningOutbox outbox, Runnable restart) {
        this.indicator = indicator;
        this.scanner = scanner;
        this.indicators = factories.indicators();
        this.scanners = factories.scanners();
        this.clouds = factories.clouds();
        this.outbox = outbox;
        this.storageDir = initial.storage().dir();
        this.restart = restart;
        this.platform = platformName(initial);
    }

    /** Builds and starts the first cloud link, handing its uplink to {@code attach} first (and every later one). */
    synchronized void startCloud(UnitConfig config, Consumer<Uplink> attach) {
        this.attach = attach;
        cloud = clouds.apply(config);
        if (cloud != null) {
            attach.accept(cloud.uplink());
            cloud.start();
        }
    }

    synchronized void stopCloud() {
        stopped = true;
        if (cloud != null) {
            cloud.stop();
            cloud = null;
        }
    }

    @Override
    public void cooldownChanged(UnitConfig next) {
        outbox.retainCardStampsFor(next.codes().cooldownSeconds() * 1000L);
    }

    @Override
    public void reopenScanner(UnitConfig next) {
        scanner.reopen(() -> scanners.apply(next));
    }

    @Override
    public void reinitIndicator(UnitConfig next) {
        indicator.reopen(() -> indicators.apply(next.feedback()));
        platform = platformName(next);
    }

    @Override
    public synchronized void rebuildCloud(UnitConfig next) {
        if (stopped) {
            return;
        }
        if (cloud != null) {
            cloud.stop();
        }
        cloud = clouds.apply(next);
        if (cloud != null) {
            attach.accept(cloud.uplink());
            cloud.start();
        }
    }

    /** Voucher redemption through the current uplink; unverified while there is none. */
    @Override
    public CompletionStage<Verdict> redeem(Request request) {
        CloudLink current = cloud;
        return current == null ? Redeemer.OFFLINE.redeem(request) : current.redeemer().redeem(request);
    }

    @Override
    public Indicator indicator() {
        return indicator;
    }

    @Override
    public String signalPlatform() {
        return platform;
    }

    @Override
    public boolean scannerConnected() {
        return scanner.connected();
    }

    @Override
    public Outbox outbox() {
        return outbox.available() ? outbox : null;
    }

    @Override
    public Path storageDir() {
        return storageDir;
    }

    @Override
    public synchronized boolean uplinkConnected() {
        return cloud != null && cloud.uplink().connected();
    }

    @Override
    public synchronized void flush() {
        if (cloud != null) {
            cloud.flush();
        }
    }

    @Override
    public void restart() {
        restart.run();
    }

    private static String platformName(UnitConfig config) {
        return config.feedback().platform().name().toLowerCase(Locale.ROOT);
    }
}
