package io.stampbox.app;

import io.stampbox.config.UnitConfig;
import io.stampbox.fleet.LiveUnit;
import io.stampbox.fleet.SwappableIndicator;
import io.stampbox.fleet.SwappableScanner;
import io.stampbox.outbox.Outbox;
import io.stampbox.scan.Scanner;
import io.stampbox.signal.Indicator;
import java.util.function.Function;

/** How the unit's replaceable parts are rebuilt after a configuration change; on the "fleet" thread. */
final class PartRebuilds implements LiveUnit {

    private final SwappableIndicator indicator;
    private final Function<UnitConfig.Feedback, Indicator> indicators;
    private final SwappableScanner scanner;
    private final Function<UnitConfig, Scanner> scanners;
    private final Outbox outbox;
    private final CurrentCloud cloud;

    record Factories(Function<UnitConfig.Feedback, Indicator> indicators, Function<UnitConfig, Scanner> scanners) {}

    PartRebuilds(SwappableIndicator indicator, SwappableScanner scanner, Factories factories, Outbox outbox,
            CurrentCloud cloud) {
        this.indicator = indicator;
        this.indicators = factories.indicators();
        this.scanner = scanner;
        this.scanners = factories.scanners();
        this.outbox = outbox;
        this.cloud = cloud;
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
    }

    @Override
    public void rebuildCloud(UnitConfig next) {
        cloud.rebuild(next);
    }
}
