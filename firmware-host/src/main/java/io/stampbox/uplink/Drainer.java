package io.stampbox.uplink;

import io.stampbox.time.Backoff;
import io.stampbox.time.Ticker;
import io.stampbox.health.Metrics;
import io.stampbox.outbox.Outbox;
import io.stampbox.outbox.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * PUBACKs and uplink state changes only wake it; it sleeps while there is nothing to do.
 */
public final class Drainer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Drainer.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    /** With events in flight and no PUBACK for this long, a completion was lost: resend (at least once). */
    private static final Duration STALLED_AFTER = Duration.ofSeconds(30);
    /** While work may be pending, look again at least this often even without a wake-up. */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private record Completion(long round, long seq, Throwable failure) {}

    private final Outbox outbox;
    private final Uplink uplink;
    private final Metrics metrics;
    private final int window;
    private final Ticker ticker;
    private final Backoff refusedBackoff;
    private final Semaphore wake = new Semaphore(0);
    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    /** Connection changes seen by the listener: (count << 1) | (connected ? 1 : 0), in one atomic word. */
    private final AtomicLong link = new AtomicLong();
    private final Thread thread = new Thread(this::run, "uplink-drain");
    private volatile boolean closed;
    private volatile StoredEvent oldestPending;
    private volatile long brokerAckedThrough;
    /** Non-null with {@code uplink.ack} = {@code backend}; set before {@link #start()}. */
    private BackendAcks backend;
    private Duration resendAfter;

    // Owned by the drain thread.
    private final ArrayDeque<StoredEvent> inflight = new ArrayDeque<>();
    private final Set<Long> acked = new HashSet<>();
    private long seenEpoch = -1;
    private long round;
    private long ackedThrough;
    private long nextSeq;
    private long pausedUntilNanos;
    private long lastProgressNanos;
    private boolean roundBroken;
    private String lastFailure;
    private int refusedInARow;
    private long refusedPauseNanos;
    private long releasedThrough;
    private long lastReleaseNanos;

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
        this.refusedBackoff = refused;
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
        this.backend = new BackendAcks(wake::release);
        this.resendAfter = resendAfter;
        return this;
    }

    /** The highest seq of the contiguous run the broker acknowledged (PUBACK with a success code). */
    public long brokerAckedThrough() {
        return brokerAckedThrough;
    }

    /** The highest seq the backend acknowledged on {@code scan/ack}; -1 without backend acknowledgements. */
    public long backendAckedThrough() {
        return backend == null ? -1 : backend.through();
    }

    /** Backend acks ignored as invalid (not an integer, above the highest seq sent). */
    public long backendAcksIgnored() {
        return backend == null ? 0 : backend.ignored();
    }

    /** Registers with the outbox and the uplink and starts draining. Call before {@link Uplink#start()}. */
    public void start() {
        if (backend != null) {
            uplink.subscribe(Topics.SCAN_ACK, backend::message);
        }
        outbox.onAppend(wake::release);
        uplink.addListener((state, reason) -> {
            long up = state == UplinkState.CONNECTED ? 1 : 0;
            link.getAndUpdate(v -> ((v >>> 1) + 1) << 1 | up);
            wake.release();
        });
        link.compareAndSet(0, uplink.connected() ? 1 : 0);
        thread.start();
    }

    /** Wakes the drainer to publish what is pending now (the {@code flush} command); returns at once. */
    public void flush() {
        wake.release();
    }

    /** When the oldest pending event was scanned, from its payload's {@code scannedAt}; null when none is pending. */
    public Instant oldestPendingAt() {
        StoredEvent oldest = oldestPending;
        return oldest == null ? null : ScannedAt.of(oldest.payload());
    }

    /** Stops draining; events not yet acknowledged stay in the outbox for the next start. */
    @Override
    public void close() {
        closed = true;
        wake.release();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long next = outbox.nextSeq();            // read before the head: an append in between
        long first = outbox.oldestPendingSeq();  // must not make us skip the appended events
        ackedThrough = (first == 0 ? next : first) - 1;
        releasedThrough = ackedThrough;
        brokerAckedThrough = ackedThrough;
        lastReleaseNanos = ticker.nanos();
        if (backend != null) {
            backend.releasedThrough(ackedThrough);
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
            pausedUntilNanos = ticker.nanos() + RETRY_AFTER_FAILURE.toNanos();
        }
    }

    /** One pass: take in PUBACKs, start a new round if the connection changed, fill the window. */
    void step() {
        applyCompletions();
        if (backend != null) {
            applyBackendAcks();
        }
        long seen = link.get();
        long epoch = seen >>> 1;
        if (!inflight.isEmpty() && ticker.nanos() - lastProgressNanos > STALLED_AFTER.toNanos()) {
            log.warn("uplink: no PUBACK for {} s with {} events in flight; resending from seq {}",
                    STALLED_AFTER.toSeconds(), inflight.size(), ackedThrough + 1);
            roundBroken = true;
            lastProgressNanos = ticker.nanos();
        }
        if (epoch != seenEpoch || roundBroken) {
            restartRound(epoch != seenEpoch);
            seenEpoch = epoch;
        }
        if ((seen & 1) == 1 && ticker.nanos() - pausedUntilNanos >= 0) {
            fillWindow();
        }
        trackOldest();
    }

    private void applyCompletions() {
        Completion c;
        while ((c = completions.poll()) != null) {
            if (c.round() != round) {
                continue;
            }
            lastProgressNanos = ticker.nanos();
            if (c.failure() == null) {
                acked.add(c.seq());
                refusedInARow = 0;
            } else if (!roundBroken) {
                roundBroken = true;
                if (c.failure() instanceof PublishRefused) {
                    refusedPauseNanos = refusedBackoff.delay(refusedInARow++).toNanos();
                }
                log.debug("uplink: publish of seq {} failed, resending from the first unacknowledged: {}",
                        c.seq(), c.failure().getMessage());
            }
        }
        acknowledgePrefix();
    }

    private void acknowledgePrefix() {
        long count = 0;
        while (!inflight.isEmpty() && acked.remove(inflight.peekFirst().seq())) {
            ackedThrough = inflight.pollFirst().seq();
            count++;
        }
        if (count > 0) {
            brokerAckedThrough = Math.max(brokerAckedThrough, ackedThrough);
            if (backend == null) {
                outbox.acknowledgeThrough(ackedThrough);
                releasedThrough = ackedThrough;
            }
            metrics.add(Metrics.Tally.PUBLISHED, count);
        }
    }

    /**
     * Releases what the backend acknowledged; when it stays silent for {@code resendAfter} while the broker
     * took events it has not acknowledged, starts again after its last ack.
     */
    private void applyBackendAcks() {
        long through = Math.min(backend.through(), nextSeq - 1);
        if (through > releasedThrough) {
            outbox.acknowledgeThrough(through);
            releasedThrough = through;
            lastReleaseNanos = ticker.nanos();
        }
        if (ackedThrough > releasedThrough && ticker.nanos() - lastReleaseNanos > resendAfter.toNanos()) {
            log.warn("uplink: no backend ack for {} ms above seq {}; sending again from seq {}",
                    resendAfter.toMillis(), releasedThrough, releasedThrough + 1);
            ackedThrough = releasedThrough;
            roundBroken = true;
            lastReleaseNanos = ticker.nanos();
        } else if (ackedThrough <= releasedThrough) {
            lastReleaseNanos = ticker.nanos(); // nothing waits for the backend: the timeout starts later
        }
    }

    /**
     * Forgets what is in flight and resends from the first unacknowledged seq. Completions of earlier
     * rounds are ignored. A failure on a link that did not change waits a moment before the resend.
     */
    private void restartRound(boolean linkChanged) {
        if (!linkChanged) {
            long pause = refusedPauseNanos > 0 ? refusedPauseNanos : RETRY_AFTER_FAILURE.toNanos();
            pausedUntilNanos = ticker.nanos() + pause;
        }
        refusedPauseNanos = 0;
        round++;
        roundBroken = false;
        inflight.clear();
        acked.clear();
        nextSeq = ackedThrough + 1;
    }

    /**
     * Tops the window up on every wake. (Refilling only in quarter-window batches cut the rate to a tenth:
     * the pauses in the stream meet Nagle and delayed ACKs on the socket.)
     */
    private void fillWindow() {
        int room = window - inflight.size();
        if (room <= 0) {
            return;
        }
        List<StoredEvent> batch = outbox.read(nextSeq, room);
        for (StoredEvent event : batch) {
            inflight.addLast(event);
            nextSeq = event.seq() + 1;
            if (backend != null) {
                backend.sent(event.seq());
            }
            long r = round;
            long seq = event.seq();
            uplink.publish(Topics.SCAN, event.payload(), 1, false)
                    .whenComplete((ok, failure) -> completed(r, seq, failure));
        }
    }

    private void completed(long r, long seq, Throwable failure) {
        completions.add(new Completion(r, seq, failure));
        wake.release();
    }

    private void trackOldest() {
        StoredEvent head = inflight.peekFirst();
        if (head != null && backend == null) {
            oldestPending = head;
            return;
        }
        StoredEvent known = oldestPending;
        if (known == null || known.seq() <= releasedThrough) {
            List<StoredEvent> next = outbox.depth() > 0 ? outbox.read(releasedThrough + 1, 1) : List.of();
            oldestPending = next.isEmpty() ? null : next.get(0);
        }
    }

    /**
     * Sleeps until woken, but never past a pause's end, and no longer than {@link #RECHECK} while
     * events are in flight or pending, so that a lost wake-up or completion cannot stall the drain.
     */
    private void awaitWork() throws InterruptedException {
        long pause = pausedUntilNanos - ticker.nanos();
        boolean pending = !inflight.isEmpty() || outbox.depth() > 0;
        if (pause > 0) {
            wake.tryAcquire(pending ? Math.min(pause, RECHECK.toNanos()) : pause, TimeUnit.NANOSECONDS);
        } else if (pending) {
            wake.tryAcquire(RECHECK.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            wake.acquire();
        }
        wake.drainPermits();
    }
}
