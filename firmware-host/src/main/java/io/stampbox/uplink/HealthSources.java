package io.stampbox.uplink;

import io.stampbox.health.Metrics;
import io.stampbox.outbox.SeqRange;
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
 * @param storage the outbox's condition: {@code ok}, {@code fault} (writes failing), {@code recovered} (a
 *     corrupt store was moved aside at start) or {@code unavailable} (cannot be opened)
 * @param lostSeqs the seq ranges the outbox lost (e.g. {@link io.stampbox.outbox.Outbox#lostSeqs()})
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
        Supplier<List<SeqRange>> lostSeqs) {

    /** Without an outbox that reports losses: {@code lostSeqs} is always empty. */
    public HealthSources(Metrics metrics, Instant startedAt, LongSupplier outboxDepth, Supplier<Instant> oldestPendingAt,
            BooleanSupplier scannerConnected, LongSupplier configVersion, String version, Supplier<String> lastStop,
            Supplier<String> storage, Clock clock) {
        this(metrics, startedAt, outboxDepth, oldestPendingAt, scannerConnected, configVersion, version, lastStop,
                storage, clock, List::of);
    }
}
