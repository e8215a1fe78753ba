package io.stampbox.systemd;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit's side of {@code Type=notify} and {@code WatchdogSec=}: tells systemd when the unit is ready
 * and feeds its watchdog, from the {@code systemd-watchdog} thread, only while {@code healthy} says the
 * scan pipeline works. A pipeline that stalls stops the feeding, and systemd restarts the unit. Outside
 * systemd ({@code NOTIFY_SOCKET} unset) every method does nothing.
 *
 * <pre>
 * Watchdog watchdog = Watchdog.fromEnvironment(() -&gt; pipelineHealthy());
 * watchdog.start();   // once the unit takes scans: READY=1, then WATCHDOG=1 every WatchdogSec/3
 * ...
 * watchdog.stop();    // first thing at shutdown: STOPPING=1
 * </pre>
 */
public final class Watchdog {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    private final Notifier notifier;
    private final BooleanSupplier healthy;
    private final boolean enabled;
    private final long intervalMs;
    private ScheduledExecutorService feeder;
    private Boolean lastHealthy;
    private boolean failing;

    Watchdog(Notifier notifier, BooleanSupplier healthy, boolean enabled, long intervalMs) {
        this.notifier = notifier;
        this.healthy = healthy;
        this.enabled = enabled;
        this.intervalMs = intervalMs;
    }

    /** Reads {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC} and {@code WATCHDOG_PID} of this process. */
    public static Watchdog fromEnvironment(BooleanSupplier healthy) {
        return fromEnvironment(System.getenv(), ProcessHandle.current().pid(), healthy,
                new SystemdNotifyCommand("systemd-notify"));
    }

    static Watchdog fromEnvironment(Map<String, String> env, long pid, BooleanSupplier healthy, Notifier notifier) {
        String socket = env.get("NOTIFY_SOCKET");
        boolean enabled = socket != null && !socket.isEmpty();
        return new Watchdog(notifier, healthy, enabled, enabled ? WatchdogSettings.intervalMs(env, pid) : 0);
    }

    /** Whether systemd listens: the unit runs as a {@code Type=notify} service. */
    public boolean enabled() {
        return enabled;
    }

    /** How often the watchdog is fed; 0 when systemd set no watchdog for this process. */
    public long intervalMs() {
        return intervalMs;
    }

    /** Says {@code READY=1} and starts feeding the watchdog, if systemd asked for one. */
    public synchronized void start() {
        if (!enabled || feeder != null) {
            return;
        }
        send(List.of("READY=1", "STATUS=taking scans"));
        if (intervalMs > 0) {
            feeder = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "systemd-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            feeder.scheduleWithFixedDelay(this::tick, 0, intervalMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Says {@code STOPPING=1} and stops feeding; call it first at shutdown. */
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            if (!enabled) {
                return;
            }
            running = feeder;
            feeder = null;
        }
        if (running != null) {
            running.shutdownNow();
        }
        send(List.of("STOPPING=1", "STATUS=stopping"));
    }

    /** One round: feed while healthy; on a change of health, say so in the unit's status line. */
    void tick() {
        boolean ok = checkHealth();
        if (!Boolean.valueOf(ok).equals(lastHealthy)) {
            if (!ok) {
                log.error("scan pipeline unhealthy: no longer feeding the systemd watchdog");
            } else if (lastHealthy != null) {
                log.info("scan pipeline healthy again: feeding the systemd watchdog");
            }
            lastHealthy = ok;
            send(ok ? List.of("WATCHDOG=1", "STATUS=taking scans")
                    : List.of("STATUS=scan pipeline unhealthy, watchdog not fed"));
        } else if (ok) {
            send(List.of("WATCHDOG=1"));
        }
    }

    private boolean checkHealth() {
        try {
            return healthy.getAsBoolean();
        } catch (RuntimeException e) {
            log.warn("health check failed, counted as unhealthy", e);
            return false;
        }
    }

    private synchronized void send(List<String> assignments) {
        try {
            notifier.send(assignments);
            if (failing) {
                log.info("systemd notifications work again");
                failing = false;
            }
        } catch (IOException e) {
            if (!failing) {
                log.warn("cannot notify systemd ({}): {}", String.join(" ", assignments), e.getMessage());
                failing = true;
            }
        }
    }
}
