package io.stampbox.uplink;

import io.stampbox.time.Ticker;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drain thread's side of {@code uplink.ack} = {@code backend}: a PUBACK only frees the window; events
 * leave the outbox when the backend acknowledges them ({@link BackendAcks}); when it stays silent for
 * {@code resendAfter} while the broker took events it has not acknowledged, the drain starts again after
 * its last ack. Owned by the drain thread (the acks themselves arrive on the uplink's dispatcher).
 */
final class BackendRelease {

    private static final Logger log = LoggerFactory.getLogger(BackendRelease.class);

    private final BackendAcks acks;
    private final Duration resendAfter;
    private final Ticker ticker;
    private long lastReleaseNanos;

    BackendRelease(Runnable wake, Duration resendAfter, Ticker ticker) {
        this.acks = new BackendAcks(wake);
        this.resendAfter = resendAfter;
        this.ticker = ticker;
    }

    BackendAcks acks() {
        return acks;
    }

    /** The drain starts with everything up to {@code through} released. */
    void start(long through) {
        acks.releasedThrough(through);
        lastReleaseNanos = ticker.nanos();
    }

    /**
     * How far the outbox may release now: the backend's ack, never above what was sent.
     *
     * @param releasedThrough what is released already
     * @param sentThrough the highest seq sent in this round
     */
    long releasable(long releasedThrough, long sentThrough) {
        long through = Math.min(acks.through(), sentThrough);
        if (through > releasedThrough) {
            lastReleaseNanos = ticker.nanos();
            return through;
        }
        return releasedThrough;
    }

    /**
     * True when the broker acknowledged events above {@code releasedThrough} and the backend has not for
     * {@code resendAfter}: the caller sends again from {@code releasedThrough + 1}.
     */
    boolean overdue(long brokerAckedThrough, long releasedThrough) {
        if (brokerAckedThrough <= releasedThrough) {
            lastReleaseNanos = ticker.nanos(); // nothing waits for the backend: the timeout starts later
            return false;
        }
        if (ticker.nanos() - lastReleaseNanos <= resendAfter.toNanos()) {
            return false;
        }
        log.warn("uplink: no backend ack for {} ms above seq {}; sending again from seq {}",
                resendAfter.toMillis(), releasedThrough, releasedThrough + 1);
        lastReleaseNanos = ticker.nanos();
        return true;
    }
}
