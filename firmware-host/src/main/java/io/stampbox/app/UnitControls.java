package io.stampbox.app;

import io.stampbox.config.UnitConfig;
import io.stampbox.fleet.SwappableScanner;
import io.stampbox.fleet.UnitControl;
import io.stampbox.outbox.Outbox;
import io.stampbox.outbox.ReopeningOutbox;
import io.stampbox.signal.Indicator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/** What the fleet commands act on and look at: the live parts, read when a command runs. */
final class UnitControls implements UnitControl {

    private final Supplier<UnitConfig> config;
    private final Indicator indicator;
    private final SwappableScanner scanner;
    private final ReopeningOutbox outbox;
    private final CurrentCloud cloud;
    private final Path storageDir;
    private final Runnable restart;

    UnitControls(Supplier<UnitConfig> config, Indicator indicator, SwappableScanner scanner, ReopeningOutbox outbox,
            CurrentCloud cloud, Runnable restart) {
        this.config = config;
        this.indicator = indicator;
        this.scanner = scanner;
        this.outbox = outbox;
        this.cloud = cloud;
        this.storageDir = config.get().storage().dir();
        this.restart = restart;
    }

    @Override
    public Indicator indicator() {
        return indicator;
    }

    @Override
    public String signalPlatform() {
        return config.get().feedback().platform().name().toLowerCase(Locale.ROOT);
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
    public boolean uplinkConnected() {
        return cloud.connected();
    }

    @Override
    public void flush() {
        cloud.flush();
    }

    @Override
    public void reportHealth() {
        cloud.reportHealth();
    }

    @Override
    public void restart() {
        restart.run();
    }
}
