package io.stampbox.counter;

import io.stampbox.time.Scheduler;
import io.stampbox.time.ThreadScheduler;
import io.stampbox.time.Ticker;
import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.health.Metrics.Tally;
import io.stampbox.outbox.Outbox;
import io.stampbox.scan.Frame;
import io.stampbox.scan.ScannerListener;
import io.stampbox.signal.Indication;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.StaffButton;
import io.stampbox.wire.Masking;
import io.stampbox.wire.ScanEvent;
import io.stampbox.wire.Signal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From frame to signal: the "scan-pipeline" thread takes frames off a queue, has each one decided
 * ({@link ScanDecision}), records the batch's stamps in one outbox append ({@link GroupCommit}), and only
 * then shows the batch's signals; frames that arrive while a commit runs are committed together. Then it
 * hands the batch's vouchers to the {@link VoucherDispatch}, whose {@code voucher-*} signal comes when the
 * redeemer resolves: never before the signal of a scan read before the voucher, and stamps read after it
 * are not held back by the backend. Setup codes go to the {@link SetupDesk}, never to the outbox.
 *
 * <p>Threads: the scanner calls {@link #onFrame} and {@link #onConnected}; "scan-pipeline" owns
 * everything else here and is the outbox's only appender. The systemd watchdog reads {@link #responsive}.
 */
public final class CounterPipeline implements ScannerListener, StaffButton.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CounterPipeline.class);
    private static final long RESPONSIVE_NANOS = 20_000_000_000L;
    private static final int MAX_BATCH = 256;

    /**
     * What the pipeline works with.
     *
     * @param config read once per batch: a new configuration holds from the next batch
     * @param clock the wall clock, for event ids and rotating-code bookkeeping
     * @param redeemer where vouchers go ({@link Redeemer#OFFLINE}: each is {@code voucher-unverified})
     * @param setup where setup codes go ({@link SetupDesk#OFF}: each is rejected)
     * @param ticker what {@link #responsive()} and the undo window measure on ({@link Ticker#SYSTEM})
     * @param timers keeps staff-confirm deadlines; null: the pipeline's own "staff-timer" thread
     */
    public record Parts(Supplier<UnitConfig> config, Outbox outbox, Indicator indicator, StatusBoard status,
            Metrics metrics, Clock clock, ClockStatus clockStatus, Redeemer redeemer, SetupDesk setup,
            Ticker ticker, Scheduler timers) {}

    /** One frame of a batch, on its way to its signal. */
    private record Step(Frame frame, Decision decision, ScanEvent event, SetupDesk.Verdict setup) {}

    private final Supplier<UnitConfig> config;
    private final Indicator indicator;
    private final StatusBoard status;
    private final Metrics metrics;
    private final ClockStatus clockStatus;
    private final SetupDesk setup;
    private final ScanDecision decision;
    private final GroupCommit commit;
    private final VoucherDispatch vouchers;
    private final StaffDesk staff;
    private final Scheduler timers;
    private final boolean ownTimers;
    /** Frames, and the staff desk's items ({@link StaffDesk.Pressed}, {@link StaffDesk.Expiry}), in order. */
    private final Intake intake = new Intake();
    private final Ticker ticker;
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile long lastLoopNanos;

    public CounterPipeline(Parts parts) {
        this.config = parts.config();
        this.indicator = parts.indicator();
        this.status = parts.status();
        this.metrics = parts.metrics();
        this.clockStatus = parts.clockStatus();
        this.setup = parts.setup();
        this.decision = new ScanDecision(parts.outbox().cardStamps());
        this.commit = new GroupCommit(parts.outbox(), parts.status(), decision, parts.clock());
        this.vouchers = new VoucherDispatch(parts.redeemer(), parts.indicator(), parts.metrics());
        this.ticker = parts.ticker();
        this.lastLoopNanos = ticker.nanos();
        this.ownTimers = parts.timers() == null;
        this.timers = ownTimers ? new ThreadScheduler("staff-timer") : parts.timers();
        this.staff = new StaffDesk(commit, parts.indicator(), parts.metrics(), ticker, timers, this::enqueueItem);
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
        if (!intake.put(frame)) {
            log.error("scan queue full ({} frames) for {} s: the pipeline is stuck; frame not recorded",
                    Intake.CAPACITY, Intake.WAIT_SECONDS);
            metrics.count(Tally.FAULT);
            indicator.show(Indication.of(Signal.FAULT));
        }
    }

    /** A staff button press (its thread only enqueues): handled in order with the scans around it. */
    @Override
    public void pressed(StaffButton.Press press) {
        enqueueItem(new StaffDesk.Pressed(press, ticker.nanos()));
    }

    /**
     * An answer on {@code scan/result} (the uplink's dispatch thread): checked here, hostile-first, and
     * judged on the pipeline's thread against the latest stamp. Never blocks the caller.
     */
    public void scanResult(byte[] payload) {
        StaffDesk.Answered answered = StaffDesk.read(payload, ticker.nanos(), metrics);
        if (answered != null && accepting && !intake.offer(answered)) {
            log.warn("scan queue full: scan/result for {} dropped", answered.result().eventId());
        }
    }

    private void enqueueItem(Object item) {
        if (accepting && !intake.put(item)) {
            log.error("scan queue full: staff item {} dropped", item);
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
        return thread.isAlive() && ticker.nanos() - lastLoopNanos < RESPONSIVE_NANOS;
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
        if (ownTimers) {
            timers.shutdown();
        }
    }

    private void run() {
        List<Object> items = new ArrayList<>();
        List<Frame> batch = new ArrayList<>();
        while (accepting || !intake.isEmpty()) {
            lastLoopNanos = ticker.nanos();
            Object first = intake.poll();
            if (first == null) {
                continue;
            }
            items.add(first);
            intake.drainTo(items, MAX_BATCH - items.size());
            UnitConfig cfg = config.get();
            for (Object item : items) {
                Object staffItem = item instanceof Frame f ? StaffDesk.consolePress(f, cfg) : item;
                if (staffItem == null) {
                    batch.add((Frame) item);
                    continue;
                }
                processSafely(batch);
                staff.take(staffItem, cfg, clockStatus.synced());
            }
            processSafely(batch);
            items.clear();
        }
    }

    private void processSafely(List<Frame> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            process(batch);
        } catch (RuntimeException e) {
            log.error("scan batch of {} failed unexpectedly; signalled fault", batch.size(), e);
            batch.forEach(f -> signal(f, Indication.of(Signal.FAULT), Tally.FAULT));
        }
        batch.clear();
    }

    /** Decide every frame, commit the stamps, show the signals, then hand over the vouchers. */
    private void process(List<Frame> frames) {
        UnitConfig cfg = config.get();
        boolean synced = clockStatus.synced();
        GroupCommit.Batch batch = commit.begin();
        List<Step> steps = new ArrayList<>(frames.size());
        for (Frame frame : frames) {
            metrics.scanned(frame.receivedAt());
            Decision d = decision.decide(frame, cfg, synced, batch.pending());
            boolean held = cfg.workflow().modeAt(frame.receivedAt()) == UnitConfig.Mode.STAFF_CONFIRM;
            ScanEvent event = d instanceof Decision.Stamp stamp && !held
                    ? commit.add(batch, frame, stamp, cfg, synced) : null;
            SetupDesk.Verdict verdict = d instanceof Decision.Setup s ? setupCode(s.code()) : null;
            steps.add(new Step(frame, d, event, verdict));
        }
        boolean recorded = commit.commit(batch);
        for (Step step : steps) {
            show(step, recorded, cfg);
        }
        for (Step step : steps) {
            if (step.decision() instanceof Decision.Voucher voucher) {
                vouchers.redeem(voucher.request());
            }
        }
    }

    private void show(Step step, boolean recorded, UnitConfig cfg) {
        if (step.decision() instanceof Decision.Signalled s) {
            signal(step.frame(), Indication.of(s.signal()), s.tally());
        } else if (step.decision() instanceof Decision.Stamp stamp && step.event() == null) {
            staff.hold(step.frame(), stamp, cfg); // staff-confirm: nothing recorded until a press
        } else if (step.decision() instanceof Decision.Stamp) {
            if (recorded) {
                signal(step.frame(), new Indication(Signal.ACCEPTED, step.event().eventId(), step.event().seq()),
                        Tally.ACCEPTED);
                staff.accepted(step.event(), ticker.nanos());
            } else {
                signal(step.frame(), Indication.of(Signal.FAULT), Tally.FAULT);
            }
        } else if (step.decision() instanceof Decision.Setup) {
            boolean accepted = step.setup().accepted();
            signal(step.frame(), Indication.of(accepted ? Signal.ACCEPTED : Signal.REJECTED),
                    accepted ? null : Tally.REJECTED);
            step.setup().afterSignal().run();
        }
    }

    /** Hands a setup code to the desk and logs its verdict once, masked; a failing desk is a rejection. */
    private SetupDesk.Verdict setupCode(String code) {
        SetupDesk.Verdict verdict;
        try {
            verdict = setup.scanned(code);
        } catch (RuntimeException e) {
            log.error("setup code {}: the setup desk failed", Masking.mask(code), e);
            return SetupDesk.Verdict.rejected("the setup desk failed: " + e);
        }
        if (verdict.accepted()) {
            log.info("setup code {} accepted: {}", Masking.mask(code), verdict.detail());
        } else {
            log.warn("setup code {} rejected: {}", Masking.mask(code), verdict.detail());
        }
        return verdict;
    }

    private void signal(Frame frame, Indication indication, Tally tally) {
        indicator.show(indication);
        metrics.signalLatencyNanos(System.nanoTime() - frame.receivedNanos());
        if (tally != null) {
            metrics.count(tally);
        }
    }
}
