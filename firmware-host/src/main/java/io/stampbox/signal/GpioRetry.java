package io.stampbox.signal;

import io.stampbox.time.Backoff;
import io.stampbox.time.Scheduler;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code gpio} platform when the pins may not open: scans go on without signals, the opening is
 * retried with backoff (5 s doubling to 5 min), and the first success brings the LEDs and buzzer back
 * without a restart (a udev rule applied, a group added, a HAT seated). {@link #signals()} says which,
 * for health, status and the log. Retries run on their own thread ({@code gpio-retry}); a signal is
 * never held up by one.
 */
public final class GpioRetry extends ForwardingIndicator {

    private static final Logger log = LoggerFactory.getLogger(GpioRetry.class);
    static final long FIRST_RETRY_MILLIS = 5_000;
    static final long LONGEST_RETRY_MILLIS = 300_000;
    /** A health field, not a log: the cause is cut to this many characters. */
    static final int REASON_CHARS = 200;

    private final Supplier<Indicator> opener;
    private final Scheduler scheduler;
    private final Object lock = new Object();
    private final Backoff backoff = Backoff.exact(Duration.ofMillis(FIRST_RETRY_MILLIS),
            Duration.ofMillis(LONGEST_RETRY_MILLIS));
    private volatile String problem;
    private int attempts;
    private Scheduler.Task pending;
    private boolean closed;

    /**
     * After the first attempt failed with {@code first}: logs that the unit runs without signals and
     * schedules the next attempt on {@code scheduler}, which this indicator shuts down on close.
     * Built by {@link Indicators#gpio}.
     */
    GpioRetry(Supplier<Indicator> opener, Scheduler scheduler, IndicatorException first) {
        super(new NoIndicator());
        this.opener = opener;
        this.scheduler = scheduler;
        problem = reasonOf(first);
        log.error("LEDs and buzzer unavailable, running without signals (retrying in {} s): {}",
                FIRST_RETRY_MILLIS / 1000, first.getMessage(), first);
        synchronized (lock) {
            pending = scheduler.schedule(this::retry, backoff.nextMs());
        }
    }

    /** {@code gpio} once the pins are open, else {@code none: <why>}. */
    @Override
    public String signals() {
        String p = problem;
        return p == null ? super.signals() : "none: " + p;
    }

    /** On the retry thread: one more try; the next one waits twice as long, up to five minutes. */
    private void retry() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            attempts++;
            Indicator opened;
            try {
                opened = opener.get();
            } catch (RuntimeException e) { // IndicatorException, or whatever else Pi4J throws: retried alike
                String reason = e instanceof IndicatorException ie ? reasonOf(ie) : String.valueOf(e.getMessage());
                if (!reason.equals(problem)) {
                    log.warn("GPIO still unusable, now: {}", reason);
                }
                problem = reason;
                long next = backoff.nextMs();
                log.debug("GPIO attempt {} failed; next in {} s", attempts, next / 1000);
                pending = scheduler.schedule(this::retry, next);
                return;
            }
            forwardTo(opened);
            problem = null;
            pending = null;
        }
        log.info("GPIO usable now (attempt {}): LEDs and buzzer back", attempts);
    }

    static String reasonOf(IndicatorException e) {
        String reason = e.reason();
        return reason.length() <= REASON_CHARS ? reason : reason.substring(0, REASON_CHARS - 3) + "...";
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (pending != null) {
                pending.cancel();
            }
        }
        scheduler.shutdown();
        current().close();
    }
}
