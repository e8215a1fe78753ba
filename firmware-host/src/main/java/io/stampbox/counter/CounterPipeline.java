package io.stampbox.counter;

import io.stampbox.wire.ScanEvent;
import io.stampbox.wire.Signal;
import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.health.Metrics.Tally;
import io.stampbox.outbox.Outbox;
import io.stampbox.outbox.OutboxException;
import io.stampbox.outbox.StoredEvent;
import io.stampbox.scan.Frame;
import io.stampbox.scan.DecodeResult;
import io.stampbox.scan.FrameDecoder;
import io.stampbox.scan.ScannerListener;
import io.stampbox.signal.Indication;
import io.stampbox.signal.Indicator;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.stampbox.wire.Masking;

/**
 * From frame to signal: decodes, classifies, filters repeats and cooldowns, records stamps durably
 * and only then signals {@code accepted}. Frames that arrive while a commit runs are committed
 * together (group commit); no signal of a batch comes before its commit.
 *
 * <p>Threads: the scanner calls {@link #onFrame} and {@link #onConnected}; one thread,
 * "scan-pipeline", owns everything else here, and is the outbox's only appender.
 *
 * <p>Vouchers: a voucher scan is handed to the {@link Redeemer} once the signals of its batch are shown,
 * and the pipeline goes on with other scans; its {@code voucher-*} signal comes when the redeemer
 * resolves it, on the redeemer's thread. So a voucher's signal never comes before the signal of a scan
 * read before it, while stamps read after it are not held back by the backend.
 */
public final class CounterPipeline implements ScannerListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CounterPipeline.class);
    private static final int QUEUE_CAPACITY = 1024;
    private static final int QUEUE_WAIT_SECONDS = 5;
    private static final long RESPONSIVE_NANOS = 20_000_000_000L;
    private static final int MAX_BATCH = 256;
    private static final DateTimeFormatter MILLIS_UTC = DateTimeFormatter.ISO_INSTANT;

    private final Supplier<UnitConfig> config;
    private final Outbox outbox;
    private final Indicator indicator;
    private final StatusBoard status;
    private final Metrics metrics;
    private final ClockStatus clockStatus;
    private final EventIds eventIds;
    private final BlockingQueue<Frame> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final FrameDecoder decoder = new FrameDecoder();
    private final RepeatFilter repeats = new RepeatFilter();
    private final Cooldowns cooldowns;
    private final RotatingCodes rotating = new RotatingCodes();
    private final Redeemer redeemer;
    private final SetupScans setup;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile long lastLoopNanos = System.nanoTime();
    private boolean faulted;

    /** A pipeline without a backend for vouchers: each is {@code voucher-unverified}. */
    public CounterPipeline(Supplier<UnitConfig> config, Outbox outbox, Indicator indicator,
            StatusBoard status, Metrics metrics, Clock clock, ClockStatus clockStatus) {
        this(config, outbox, indicator, status, metrics, clock, clockStatus, Redeemer.OFFLINE);
    }

    public CounterPipeline(Supplier<UnitConfig> config, Outbox outbox, Indicator indicator,
            StatusBoard status, Metrics metrics, Clock clock, ClockStatus clockStatus, Redeemer redeemer) {
        this(config, outbox, indicator, status, metrics, clock, clockStatus, redeemer, SetupDesk.OFF);
    }

    /** @param setup where setup codes go: they never become events */
    public CounterPipeline(Supplier<UnitConfig> config, Outbox outbox, Indicator indicator, StatusBoard status,
            Metrics metrics, Clock clock, ClockStatus clockStatus, Redeemer redeemer, SetupDesk setup) {
        this.config = config;
        this.setup = new SetupScans(setup);
        this.redeemer = redeemer;
        this.clock = clock;
        this.outbox = outbox;
        this.indicator = indicator;
        this.status = status;
        this.metrics = metrics;
        this.clockStatus = clockStatus;
        this.eventIds = new EventIds(clock);
        this.cooldowns = new Cooldowns(outbox.cardStamps());
        this.thread = new Thread(this::run, "scan-pipeline");
    }

    public void start() {
        thread.start();
    }

    @Override
    public void onFrame(Frame frame) {
        if (!accepting) {
            return;
        }
        if (!enqueue(frame)) {
            log.error("scan queue full ({} frames) for {} s: the pipeline is stuck; frame not recorded",
                    QUEUE_CAPACITY, QUEUE_WAIT_SECONDS);
            metrics.count(Tally.FAULT);
            indicator.show(Indication.of(Signal.FAULT));
        }
    }

    /**
     * Waits for room rather than dropping: a burst faster than commits holds the scanner back (its
     * bytes wait in the OS buffer) and is recorded in full.
     */
    private boolean enqueue(Frame frame) {
        try {
            return queue.offer(frame, QUEUE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void onConnected(boolean connected) {
        status.scannerConnected(connected);
    }

    /**
     * Whether the pipeline thread is alive and came round its loop lately (it does at least every
     * 100 ms when idle): what the systemd watchdog is fed by.
     */
    public boolean responsive() {
        return thread.isAlive() && System.nanoTime() - lastLoopNanos < RESPONSIVE_NANOS;
    }

    /** Stops taking frames, records those already queued, and returns when the last commit is done. */
    @Override
    public void close() {
        accepting = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Frame> batch = new ArrayList<>();
        while (accepting || !queue.isEmpty()) {
            lastLoopNanos = System.nanoTime();
            Frame first = poll();
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - batch.size());
            try {
                process(batch);
            } catch (RuntimeException e) {
                log.error("scan batch of {} failed unexpectedly; signalled fault", batch.size(), e);
                batch.forEach(f -> signal(f, Indication.of(Signal.FAULT), Tally.FAULT));
            }
            batch.clear();
        }
    }

    /**
     * Waits briefly for a frame. Never interrupted from outside: an interrupt during a commit would
     * close the store's file channel.
     */
    private Frame poll() {
        try {
            return queue.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return null; // this thread stops by the accepting flag, not by interrupts
        }
    }

    private void process(List<Frame> frames) {
        UnitConfig cfg = config.get();
        Batch batch = new Batch(outbox.nextSeq());
        for (Frame frame : frames) {
            metrics.scanned(frame.receivedAt());
            batch.outcomes.add(decide(frame, cfg, batch));
        }
        if (!batch.events.isEmpty()) {
            commit(batch);
        }
        for (Outcome outcome : batch.outcomes) {
            if (outcome.redemption == null) {
                signal(outcome.frame, outcome.indication, outcome.counter);
                outcome.afterSignal.run();
            }
        }
        for (Outcome outcome : batch.outcomes) {
            if (outcome.redemption != null) {
                redeem(outcome.redemption);
            }
        }
    }

    private Outcome decide(Frame frame, UnitConfig cfg, Batch batch) {
        DecodeResult result = decoder.decode(frame);
        if (result instanceof DecodeResult.Invalid invalid) {
            log.debug("frame rejected: {}", invalid.reason());
            return Outcome.of(frame, Signal.REJECTED, Tally.REJECTED);
        }
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) result;
        String code = decoded.text();
        if (SetupScans.isSetupCode(code)) { // never an event: accepted or rejected by the setup desk
            SetupDesk.Verdict verdict = setup.check(code);
            Outcome outcome = verdict.accepted() ? Outcome.of(frame, Signal.ACCEPTED, null)
                    : Outcome.of(frame, Signal.REJECTED, Tally.REJECTED);
            outcome.afterSignal = verdict.afterSignal();
            return outcome;
        }
        Classifier.Classification c = Classifier.classify(code, cfg.codes());
        if (c.kind() == Classifier.Kind.UNKNOWN) {
            log.debug("code {} is neither a card nor a voucher", Masking.mask(code));
            return Outcome.of(frame, Signal.REJECTED, Tally.REJECTED);
        }
        if (repeats.seenAgain(code, frame.receivedNanos(), cfg.codes().repeatWindowMs())) {
            return Outcome.of(frame, Signal.REPEAT, Tally.REPEAT);
        }
        if (c.kind() == Classifier.Kind.VOUCHER) {
            return Outcome.redemption(frame, new Redeemer.Request(c.id(), code, cfg.device().id(),
                    cfg.device().store(), scannedAt(frame), cfg.codes().redeemTimeoutMs()));
        }
        long now = frame.receivedAt().toEpochMilli();
        boolean synced = clockStatus.synced();
        RotatingCodes.Result totp = null;
        if (cfg.codes().totp() != null) {
            totp = rotating.check(cfg.codes().totp(), c.id(), c.totp(), now, synced, batch.totpSteps);
            if (totp.check() == RotatingCodes.Check.WRONG) {
                repeats.forget(code); // a re-read must say rejected again, never "already counted"
                log.debug("card {}: rotating value wrong or out of its window", Masking.mask(c.id()));
                return Outcome.of(frame, Signal.REJECTED, Tally.REJECTED);
            }
            if (totp.check() == RotatingCodes.Check.REPLAY) {
                return Outcome.of(frame, Signal.REPEAT, Tally.REPEAT);
            }
        }
        if (cooldowns.cooling(c.id(), now, cfg.codes().cooldownSeconds(), batch.stamps)) {
            return Outcome.of(frame, Signal.COOLDOWN, Tally.COOLDOWN);
        }
        if (totp != null && totp.check() == RotatingCodes.Check.VALID) {
            batch.totpSteps.put(c.id(), totp.step());
        }
        return batch.stamp(frame, stampEvent(frame, decoded, c.id(), cfg, batch.nextSeq(), synced), c.id(), now, code);
    }

    private static String scannedAt(Frame frame) {
        return MILLIS_UTC.format(frame.receivedAt().truncatedTo(ChronoUnit.MILLIS));
    }

    private ScanEvent stampEvent(Frame frame, DecodeResult.Decoded decoded, String cardId, UnitConfig cfg, long seq,
            boolean clockSynced) {
        return new ScanEvent(ScanEvent.SCHEMA, eventIds.next().toString(), cfg.device().id(),
                cfg.device().store(), seq, ScanEvent.KIND_STAMP, cardId, decoded.text(),
                decoded.symbology(), scannedAt(frame), clockSynced, cfg.version());
    }

    private void commit(Batch batch) {
        try {
            outbox.append(batch.events, batch.stamps);
            cooldowns.recordAll(batch.stamps);
            rotating.recordAll(batch.totpSteps, clock.millis());
            if (faulted) {
                faulted = false;
                log.info("storage writes succeed again");
                status.storageFault(false);
            }
        } catch (OutboxException e) {
            batch.fail();
            for (String code : batch.codes) {
                repeats.forget(code);
            }
            if (!faulted) {
                faulted = true;
                log.error("storage write failed ({}): stamps get 'fault' until it works again: {}",
                        e.reason(), e.getMessage(), e);
                status.storageFault(true);
            }
        }
    }

    /** Hands a voucher to the redeemer; its signal comes when the redeemer resolves it. */
    private void redeem(Redeemer.Request request) {
        CompletionStage<Redeemer.Verdict> verdict;
        try {
            verdict = redeemer.redeem(request);
        } catch (RuntimeException e) {
            log.error("voucher {}: the redeemer failed; signalled unverified", Masking.mask(request.voucherId()), e);
            verdict = CompletableFuture.completedFuture(Redeemer.Verdict.UNVERIFIED);
        }
        verdict.whenComplete((v, failure) -> resolved(request, failure == null ? v : Redeemer.Verdict.UNVERIFIED));
    }

    /** On the redeemer's thread: quick and never throwing. Voucher signals stay out of the latency figures. */
    private void resolved(Redeemer.Request request, Redeemer.Verdict verdict) {
        try {
            switch (verdict) {
                case ACCEPTED -> show(Signal.VOUCHER_ACCEPTED, Tally.VOUCHERS_ACCEPTED);
                case REFUSED -> show(Signal.VOUCHER_REFUSED, Tally.VOUCHERS_REFUSED);
                default -> show(Signal.VOUCHER_UNVERIFIED, Tally.VOUCHERS_UNVERIFIED);
            }
        } catch (RuntimeException e) {
            log.error("voucher {}: signalling {} failed", Masking.mask(request.voucherId()), verdict, e);
        }
    }

    private void show(Signal signal, Tally counter) {
        indicator.show(Indication.of(signal));
        metrics.count(counter);
    }

    private void signal(Frame frame, Indication indication, Tally counter) {
        indicator.show(indication);
        metrics.signalLatencyNanos(System.nanoTime() - frame.receivedNanos());
        if (counter != null) {
            metrics.count(counter);
        }
    }

    /** What one frame came to; a stamp's outcome is final only after its commit. */
    private static final class Outcome {
        final Frame frame;
        Indication indication;
        Tally counter;
        Redeemer.Request redemption;
        Runnable afterSignal = () -> {};

        Outcome(Frame frame, Indication indication, Tally counter) {
            this.frame = frame;
            this.indication = indication;
            this.counter = counter;
        }

        static Outcome of(Frame frame, Signal signal, Tally counter) {
            return new Outcome(frame, Indication.of(signal), counter);
        }

        /** A voucher: signalled when the redeemer resolves it, not with its batch. */
        static Outcome redemption(Frame frame, Redeemer.Request request) {
            Outcome outcome = new Outcome(frame, null, null);
            outcome.redemption = request;
            return outcome;
        }
    }

    /** The stamps of one group commit. */
    private static final class Batch {
        final long firstSeq;
        final List<Outcome> outcomes = new ArrayList<>();
        final List<StoredEvent> events = new ArrayList<>();
        final Map<String, Long> stamps = new LinkedHashMap<>();
        final Map<String, Long> totpSteps = new LinkedHashMap<>();
        final List<String> codes = new ArrayList<>();
        final List<Outcome> stampOutcomes = new ArrayList<>();

        Batch(long firstSeq) {
            this.firstSeq = firstSeq;
        }

        long nextSeq() {
            return firstSeq + events.size();
        }

        Outcome stamp(Frame frame, ScanEvent event, String cardId, long at, String code) {
            events.add(new StoredEvent(event.seq(), event.toJson()));
            stamps.put(cardId, at);
            codes.add(code);
            Outcome outcome = new Outcome(frame,
                    new Indication(Signal.ACCEPTED, event.eventId(), event.seq()), Tally.ACCEPTED);
            stampOutcomes.add(outcome);
            return outcome;
        }

        void fail() {
            for (Outcome outcome : stampOutcomes) {
                outcome.indication = Indication.of(Signal.FAULT);
                outcome.counter = Tally.FAULT;
            }
        }
    }
}
