package io.stampbox.uplink;

import io.stampbox.time.Backoff;
import io.stampbox.time.Ticker;
import io.stampbox.health.Metrics;
import io.stampbox.outbox.Outbox;
import io.stampbox.outbox.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.stampbox.wire.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox's events on {@code {root}/{id}/scan} at QoS 1, in seq order, with at most
 * {@code window} unacknowledged at a time, and acknowledges to the outbox the contiguous prefix that the
 * broker PUBACKed. After a disconnect or a failed publish it starts again from the first unacknowledged
 * seq with the same stored bytes, so a resend carries the same eventId and seq.
 *
 * <p>Threads: the "uplink-drain" thread is the outbox's only reader and acknowledger. Outbox appends,
 * PUBACKs and uplink state changes only wake it ({@link DrainSignals}); it sleeps while there is nothing
 * to do. What is in flight is an {@link InflightWindow}.
 */
public final class Drainer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Drainer.class);
    /** With events in flight and no PUBACK for this long, a completion was lost: resend (at least once). */
    private static final Duration STALLED_AFTER = Duration.ofSeconds(30);
    /** While work may be pending, look again at least this often even without a wake-up. */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final Uplink uplink;
    private final Metrics metrics;
    private final int window;
    private final Ticker ticker;
    private final DrainPace pace;
    private final DrainSignals signals = new DrainSignals();
    private final Thread thread = new Thread(this::run, "uplink-drain");
    private volatile boolean closed;
    private final OldestPending oldestPending = new OldestPending();
    private volatile long brokerAckedThrough;
    /** Non-null with {@code uplink.ack} = {@code backend}; set before {@link #start()}. */
    private BackendRelease backend;

    // Owned by the drain thread.
    private final InflightWindow inflight = new InflightWindow();
    private long seenEpoch = -1;
    private long round;
    private long lastProgressNanos;
    private boolean roundBroken;
    private String lastFailure;
    private long releasedThrough;

    /**
     * @param window how many events may await their PUBACK at once; keep it below the uplink's maxInflight
     * @param ticker what the resend after 30 s without a PUBACK and the pauses are measured on
     *     ({@link Ticker#SYSTEM} in the unit)
     */
    public Drainer(Outbox outbox, Uplink uplink, Metrics metrics, int window, Ticker ticker) {
        this(outbox, uplink, metrics, window, ticker, Backoff.jittered(Duration.ofSeconds(1), Duration.ofMinutes(1)));
    }

    /**
     * @param refused the pause before resending after the broker refused a publish (MQTT 5 reason code
     *     >= 128), growing with each refusal in a row, jittered and capped
     */
    public Drainer(Outbox outbox, Uplink uplink, Metrics metrics, int window, Ticker ticker, Backoff refused) {
        if (window < 1) {
            throw new IllegalArgumentException("drainer window: must be >= 1, got " + window);
        }
        this.outbox = outbox;
        this.uplink = uplink;
        this.metrics = metrics;
        this.window = window;
        this.ticker = ticker;
        this.pace = new DrainPace(ticker, refused);
        this.lastProgressNanos = ticker.nanos();
        thread.setDaemon(true);
    }

    /**
     * {@code uplink.ack} = {@code backend}: a PUBACK only frees the window; events leave the outbox when the
     * backend acknowledges them on {@code scan/ack}; with none for {@code resendAfter} while events wait for
     * it, the drain sends again from the first unacknowledged seq, in order, the same bytes. Call before
     * {@link #start()}.
     */
    public Drainer backendAcks(Duration resendAfter) {
        this.backend = new BackendRelease(signals::wake, resendAfter, ticker);
        return this;
    }

    /**
     * {@code mqtt.rate}: publishes at most {@code perSecond} events a second, {@code burst} at once after a
     * quiet spell (a token bucket, full at start). Scans are still appended meanwhile: only the drain waits.
     * Call before {@link #start()}; without it the drain has no cap.
     */
    public Drainer rate(int perSecond, int burst) {
        pace.cap(perSecond, burst);
        return this;
    }

    /** The highest seq of the contiguous run the broker acknowledged (PUBACK with a success code). */
    public long brokerAckedThrough() {
        return brokerAckedThrough;
    }

    /** The highest seq the backend acknowledged on {@code scan/ack}; -1 without backend acknowledgements. */
    public long backendAckedThrough() {
        return backend == null ? -1 : backend.acks().through();
    }

    /** Backend acks ignored as invalid (not an integer, above the highest seq sent). */
    public long backendAcksIgnored() {
        return backend == null ? 0 : backend.acks().ignored();
    }

    /** Registers with the outbox and the uplink and starts draining. Call before {@link Uplink#start()}. */
    public void start() {
        if (backend != null) {
            uplink.subscribe(Topics.SCAN_ACK, backend.acks()::message);
        }
        outbox.onAppend(signals::wake);
        uplink.addListener((state, reason) -> signals.linkChanged(state == UplinkState.CONNECTED));
        signals.linkInitially(uplink.connected());
        thread.start();
    }

    /** Wakes the drainer to publish what is pending now (the {@code flush} command); returns at once. */
    public void flush() {
        signals.wake();
    }

    /** When the oldest pending event was scanned, from its payload's {@code scannedAt}; null when none is pending. */
    public Instant oldestPendingAt() {
        return oldestPending.at();
    }

    /** Stops draining; events not yet acknowledged stay in the outbox for the next start. */
    @Override
    public void close() {
        closed = true;
        signals.wake();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long next = outbox.nextSeq();            // read before the head: an append in between
        long first = outbox.oldestPendingSeq();  // must not make us skip the appended events
        long through = (first == 0 ? next : first) - 1;
        inflight.startAfter(through);
        releasedThrough = through;
        brokerAckedThrough = through;
        if (backend != null) {
            backend.start(through);
        }
        try {
            while (!closed) {
                stepSafely();
                awaitWork();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An outbox that fails to read (e.g. a disk error) is retried after a pause, logged once per kind. */
    private void stepSafely() {
        try {
            step();
            lastFailure = null;
        } catch (RuntimeException e) {
            String kind = e.getClass().getName() + ": " + e.getMessage();
            if (!kind.equals(lastFailure)) {
                log.error("uplink: drain failed, retrying; events stay in the outbox", e);
                lastFailure = kind;
            }
            roundBroken = true;
            pace.failed();
        }
    }

    /** One pass: take in PUBACKs, start a new round if the connection changed, fill the window. */
    void step() {
        applyCompletions();
        if (backend != null) {
            applyBackendAcks();
        }
        long seen = signals.link();
        long epoch = seen >>> 1;
        if (!inflight.isEmpty() && ticker.nanos() - lastProgressNanos > STALLED_AFTER.toNanos()) {
            log.warn("uplink: no PUBACK for {} s with {} events in flight; resending from seq {}",
                    STALLED_AFTER.toSeconds(), inflight.size(), inflight.ackedThrough() + 1);
            roundBroken = true;
            lastProgressNanos = ticker.nanos();
        }
        if (epoch != seenEpoch || roundBroken) {
            restartRound(epoch != seenEpoch);
            seenEpoch = epoch;
        }
        if ((seen & 1) == 1) {
            fillWindow();
        }
        oldestPending.update(inflight.oldest(), backend == null, outbox, releasedThrough);
    }

    private void applyCompletions() {
        DrainSignals.Completion c;
        while ((c = signals.nextCompletion()) != null) {
            if (c.round() != round) {
                continue;
            }
            lastProgressNanos = ticker.nanos();
            if (c.failure() == null) {
                inflight.acked(c.seq());
                pace.published();
            } else if (!roundBroken) {
                roundBroken = true;
                if (c.failure() instanceof PublishRefused) {
                    pace.refused();
                }
                log.debug("uplink: publish of seq {} failed, resending from the first unacknowledged: {}",
                        c.seq(), c.failure().getMessage());
            }
        }
        acknowledgePrefix();
    }

    private void acknowledgePrefix() {
        long count = inflight.advance();
        if (count > 0) {
            long ackedThrough = inflight.ackedThrough();
            brokerAckedThrough = Math.max(brokerAckedThrough, ackedThrough);
            if (backend == null) {
                outbox.acknowledgeThrough(ackedThrough);
                releasedThrough = ackedThrough;
            }
            metrics.add(Metrics.Tally.PUBLISHED, count);
        }
    }

    /** Releases what the backend acknowledged; sends again when it stays silent ({@link BackendRelease}). */
    private void applyBackendAcks() {
        long through = backend.releasable(releasedThrough, inflight.nextSeq() - 1);
        if (through > releasedThrough) {
            outbox.acknowledgeThrough(through);
            releasedThrough = through;
        }
        if (backend.overdue(inflight.ackedThrough(), releasedThrough)) {
            inflight.rewindTo(releasedThrough);
            roundBroken = true;
        }
    }

    /**
     * Forgets what is in flight and resends from the first unacknowledged seq. Completions of earlier
     * rounds are ignored. A failure on a link that did not change waits a moment before the resend.
     */
    private void restartRound(boolean linkChanged) {
        pace.restart(linkChanged);
        round++;
        roundBroken = false;
        inflight.restart();
    }

    /**
     * Tops the window up on every wake. (Refilling only in quarter-window batches cut the rate to a tenth:
     * the pauses in the stream meet Nagle and delayed ACKs on the socket.)
     */
    private void fillWindow() {
        int room = pace.allowance(window - inflight.size());
        if (room <= 0) {
            return;
        }
        List<StoredEvent> batch = outbox.read(inflight.nextSeq(), room);
        pace.sent(batch.size());
        for (StoredEvent event : batch) {
            inflight.sent(event);
            if (backend != null) {
                backend.acks().sent(event.seq());
            }
            long r = round;
            long seq = event.seq();
            uplink.publish(Topics.SCAN, event.payload(), 1, false)
                    .whenComplete((ok, failure) -> signals.completed(r, seq, failure));
        }
    }

    /** Sleeps until woken or a pause ends; see {@link DrainSignals#await}. */
    private void awaitWork() throws InterruptedException {
        boolean pending = !inflight.isEmpty() || outbox.depth() > 0;
        signals.await(pace.nanosUntilNext(), pending, RECHECK.toNanos());
    }
}
