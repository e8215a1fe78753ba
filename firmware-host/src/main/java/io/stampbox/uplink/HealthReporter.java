package io.stampbox.uplink;

import io.stampbox.wire.UpdateState;
import java.util.function.Supplier;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.stampbox.wire.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the retained health document on {@code {root}/{id}/health} at QoS 0 every interval while
 * connected, and once right after every connect. Runs on its own "uplink-health" thread.
 */
public final class HealthReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthReporter.class);

    private final Uplink uplink;
    private final HealthSources sources;
    private final Duration interval;
    private volatile Supplier<UpdateState.Last> lastUpdate = () -> null;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "uplink-health");
        t.setDaemon(true);
        return t;
    });

    /** @param interval {@code health.intervalSeconds} */
    /** Health also carries the last software update's outcome (issue 13); the supplier gives null when none. */
    public HealthReporter lastUpdate(Supplier<UpdateState.Last> last) {
        this.lastUpdate = last;
        return this;
    }

    public HealthReporter(Uplink uplink, HealthSources sources, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("health.intervalSeconds: must be > 0, got " + interval.toSeconds());
        }
        this.uplink = uplink;
        this.sources = sources;
        this.interval = interval;
    }

    public void start() {
        uplink.addListener((state, reason) -> {
            if (state == UplinkState.CONNECTED) {
                submit();
            }
        });
        long millis = interval.toMillis();
        timer.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Publishes health now (the {@code flush} command does, once its wait ends), besides the interval. */
    public void reportNow() {
        submit();
    }

    private void submit() {
        try {
            timer.execute(this::report);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void report() {
        if (!uplink.connected()) {
            return;
        }
        try {
            uplink.publish(Topics.HEALTH, UpdateState.withLast(HealthPayload.bytes(sources), lastUpdate.get()), 0, true);
        } catch (RuntimeException e) {
            log.warn("uplink: health report failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
