package io.stampbox.fleet;

import io.stampbox.config.UnitConfig;
import io.stampbox.outbox.Outbox;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.NoIndicator;
import java.nio.file.Path;

/**
 * A unit with nothing behind it, for a {@link FleetAgent} whose configuration handling and commands are
 * under test without a scanner, LEDs or outbox: applying a change does nothing, every part reports
 * healthy; its storage dir is the one its configuration names.
 */
public class InertUnit implements LiveUnit, UnitControl {

    private final Path storageDir;

    public InertUnit(Path storageDir) {
        this.storageDir = storageDir;
    }

    /** Subclasses change what a test looks at (a restart counted, an outbox that drains) and keep the rest. */
    @Override
    public Path storageDir() {
        return storageDir;
    }

    @Override
    public void cooldownChanged(UnitConfig next) {}

    @Override
    public void reopenScanner(UnitConfig next) {}

    @Override
    public void reinitIndicator(UnitConfig next) {}

    @Override
    public void rebuildCloud(UnitConfig next) {}

    @Override
    public Indicator indicator() {
        return new NoIndicator();
    }

    @Override
    public String signalPlatform() {
        return "none";
    }

    @Override
    public boolean scannerConnected() {
        return true;
    }

    @Override
    public Outbox outbox() {
        return null;
    }

    @Override
    public boolean uplinkConnected() {
        return true;
    }

    @Override
    public void flush() {}

    @Override
    public void reportHealth() {}

    @Override
    public void restart() {}
}
