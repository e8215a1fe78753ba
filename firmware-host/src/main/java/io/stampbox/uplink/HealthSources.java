package io.stampbox.uplink;

import io.stampbox.health.Metrics;
import io.stampbox.outbox.SeqRange;
import io.stampbox.wire.Health;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where the health report (contract section 3.3) takes its numbers from. Every supplier is called on the
 * "uplink-health" thread and must be cheap and thread-safe.
 *
 * @param startedAt when the daemon started (uptime counts from here)
 * @param outboxDepth events not yet acknowledged by the broker
 * @param oldestPendingAt when the oldest pending event was scanned, null when none (e.g.
 *     {@link Drainer#oldestPendingAt()})
 * @param lastStop how the previous run ended: {@code clean}, {@code crash}, {@code watchdog} or {@code unknown}
 * @param uplink the broker's and the backend's answers ({@link #of}), null inside when unknown
 * @param storage the outbox's condition: {@code ok}, {@code fault} (writes failing), {@code recovered} (a
 *     corrupt store was moved aside at start) or {@code unavailable} (cannot be opened)
 * @param lostSeqs the seq ranges the outbox lost (e.g. {@link io.stampbox.outbox.Outbox#lostSeqs()})
 * @param signals what drives the LEDs and buzzer now ({@code Indicator.signals()}), null inside when unknown
 */
public record HealthSources(
        Metrics metrics,
        Instant startedAt,
        LongSupplier outboxDepth,
        Supplier<Instant> oldestPendingAt,
        BooleanSupplier scannerConnected,
        LongSupplier configVersion,
        String version,
        Supplier<String> lastStop,
        Supplier<String> storage,
        Clock clock,
        Supplier<List<SeqRange>> lostSeqs,
        Supplier<Health.Uplink> uplink,
        Supplier<String> signals) {

    /** Without an outbox that reports losses ({@code lostSeqs} always empty) and without the uplink section. */
    public HealthSources(Metrics metrics, Instant startedAt, LongSupplier outboxDepth, Supplier<Instant> oldestPendingAt,
            BooleanSupplier scannerConnected, LongSupplier configVersion, String version, Supplier<String> lastStop,
            Supplier<String> storage, Clock clock) {
        this(metrics, startedAt, outboxDepth, oldestPendingAt, scannerConnected, configVersion, version, lastStop,
                storage, clock, List::of, () -> null, () -> null);
    }

    /** The uplink section from the uplink's report and the drain's acknowledgements. */
    public static Supplier<Health.Uplink> of(Uplink uplink, Drainer drainer) {
        return () -> {
            UplinkReport r = uplink.report();
            long backend = drainer.backendAckedThrough();
            return new Health.Uplink(r.protocol(), uplink.lastError(), r.publishesRefused(), r.subscriptionsRefused(),
                    r.lastDisconnect(), r.oversizeDropped(), r.window(), drainer.brokerAckedThrough(),
                    backend < 0 ? null : backend, drainer.backendAcksIgnored(), r.broker());
        };
    }
}
