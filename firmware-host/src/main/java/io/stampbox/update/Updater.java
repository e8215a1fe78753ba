package io.stampbox.update;

import io.stampbox.config.UnitConfig;
import io.stampbox.time.Scheduler;
import io.stampbox.wire.TlsSockets;
import io.stampbox.wire.UpdateOrder;
import io.stampbox.wire.UpdateState;
import java.net.URI;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit's side of a software update (issue 13, docs/updates.md): checks an order, downloads and checks the
 * package, waits for an idle counter (and the maintenance window), hands it to the privileged helper, then proves
 * the new version works or reports the helper's result. Each change goes out on {@code update/state}, kept on disk.
 *
 * <p>Threads: everything runs on the "fleet" scheduler except the transfer, on its own "update-download"
 * thread, which hands its progress and its end back to the scheduler. Methods are synchronized so that a
 * test's scheduler (which runs handed-over tasks on the caller's thread) sees the same order.
 */
public final class Updater {

    static final long POLL_MILLIS = 1000, RETRY_MILLIS = 5000, PROGRESS_MILLIS = 2000;
    public static final long RETRY_PAUSE = 2000;
    private static final Logger log = LoggerFactory.getLogger(Updater.class);

    private final Scheduler fleet;
    private final Clock clock;
    private final Supplier<UnitConfig> config;
    private final UpdatePorts unit;
    private final HelperFiles files;
    private final UpdateRecord record;
    private final BadVersions bad;
    private final StatePublisher publisher;
    private final long downloadRetryMillis;
    private UpdateOrder order;
    private UpdateState state;
    private Download download;
    private Scheduler.Task poll;
    private Instant waitingSince;
    private String waitKind;
    private boolean requested, verified;
    private volatile UpdateState.Last last;
    private volatile Runnable ended = () -> { };

    /** @param downloadRetryMillis the pause before a download's n-th retry is n times this ({@link #RETRY_PAUSE}) */
    public Updater(Scheduler fleet, Clock clock, Supplier<UnitConfig> config, UpdatePorts unit, Path storageDir,
            long downloadRetryMillis) {
        this.fleet = fleet;
        this.clock = clock;
        this.config = config;
        this.unit = unit;
        Path dir = storageDir.resolve("update");
        this.files = new HelperFiles(dir);
        this.record = new UpdateRecord(dir);
        this.bad = new BadVersions(dir.resolve("bad.json"));
        this.publisher = new StatePublisher(fleet, RETRY_MILLIS);
        this.downloadRetryMillis = downloadRetryMillis;
        UpdateState kept = record.last();
        this.last = kept == null ? null : kept.last();
    }

    /** Where {@code update/state} goes: a retained QoS 1 publish that completes when the broker acknowledged it. */
    public void publishTo(Function<byte[], CompletionStage<Void>> publish) {
        publisher.to(publish);
    }

    /** Runs (on the scheduler) when an update reaches a final state: health is published again then. */
    public void onEnd(Runnable task) {
        ended = task;
    }

    /** {@code lastUpdate} for status and health; null when never updated. Any thread. */
    public UpdateState.Last lastUpdate() {
        return last;
    }

    /**
     * Takes an order: refused (and nothing downloaded) unless signed by the fleet key, for a version not
     * marked bad, not the running one, and with no other update in progress.
     *
     * @return the {@code pending} state
     */
    public synchronized UpdateState order(UpdateOrder next, PublicKey fleetKey) throws UpdateRefused {
        if (state != null && !state.isFinal()) {
            throw new UpdateRefused("another update is in progress: " + order.version() + " (" + state.state() + ")");
        }
        String running = unit.runningVersion();
        String refusal = OrderCheck.refusal(next, fleetKey, bad, running);
        order = next;
        if (refusal != null) {
            log.warn("update: order for {} refused: {}", next.version(), refusal);
            change(state(next, running, UpdateState.REFUSED, refusal));
            throw new UpdateRefused(refusal);
        }
        requested = verified = false;
        files.clear();
        log.info("update: order for {} (from {}) accepted", next.version(), running);
        change(state(next, running, UpdateState.PENDING, null));
        UpdateState pending = state;
        startDownload();
        return pending;
    }

    /** Cancels an update that has not reached {@code installing}. */
    public synchronized UpdateState cancel() throws UpdateRefused {
        if (state == null || state.isFinal()) {
            throw new UpdateRefused("no update in progress");
        }
        if (requested || UpdateState.INSTALLING.equals(state.state()) || UpdateState.VERIFYING.equals(state.state())) {
            throw new UpdateRefused("too late: " + order.version() + " is " + state.state());
        }
        stopWork();
        files.clear();
        change(state(order, state.from(), UpdateState.CANCELLED, "cancelled by command"));
        return state;
    }

    /** At start: reports what the helper did, proves the new version works, or resumes a download. */
    public synchronized void start() {
        UpdateRecord.Current current = record.current();
        if (current == null) {
            UpdateState kept = record.last();
            if (!readResult(null) && kept != null) {
                state = kept;
                publisher.publish(kept.toJson());
            }
            return;
        }
        order = current.order();
        state = current.state();
        if (readResult(state.from())) {
            return;
        }
        String s = state.state();
        if (UpdateState.INSTALLING.equals(s) || UpdateState.VERIFYING.equals(s)) {
            requested = true;
            if (order.version().equals(unit.runningVersion())) {
                change(state(order, state.from(), UpdateState.VERIFYING, null));
            } else {
                publisher.publish(state.toJson());
            }
            schedulePoll();
        } else {
            log.info("update: resuming the update to {} ({})", order.version(), s);
            startDownload();
        }
    }

    public synchronized void close() { stopWork(); }

    private void startDownload() {
        UnitConfig.Tls tls = config.get().mqtt().tls();
        Download next = new Download(URI.create(order.url()), order.size(), order.sha256(),
                tls != null && tls.caFile() != null ? TlsSockets.factory(tls) : null, downloadRetryMillis);
        download = next;
        change(state(order, state.from(), UpdateState.DOWNLOADING, null, 0L, order.size()));
        long[] shown = {fleet.nanos()};
        next.start(files.file(HelperFiles.PART), files.file(HelperFiles.PACKAGE), bytes -> {
            if (fleet.nanos() - shown[0] >= PROGRESS_MILLIS * 1_000_000L) {
                shown[0] = fleet.nanos();
                fleet.execute(() -> progress(next, bytes));
            }
        }, failure -> fleet.execute(() -> downloaded(next, failure)));
    }

    private synchronized void progress(Download from, long bytes) {
        if (from == download && UpdateState.DOWNLOADING.equals(state.state())) {
            change(state(order, state.from(), UpdateState.DOWNLOADING, null, bytes, order.size()));
        }
    }

    private synchronized void downloaded(Download from, String failure) {
        if (from != download) {
            return; // cancelled since
        }
        download = null;
        if (failure != null) {
            log.error("update: {} failed: {}", order.version(), failure);
            files.clear();
            change(state(order, state.from(), UpdateState.FAILED, failure));
            return;
        }
        log.info("update: {} downloaded and checked (SHA-256 and size)", order.version());
        waitingSince = clock.instant();
        waitKind = null;
        gate();
    }

    /** Waits until idle and inside the window, then hands the package to the helper. */
    private synchronized void gate() {
        poll = null;
        if (order == null || state.isFinal() || requested) {
            return;
        }
        UnitConfig.Update update = config.get().update();
        IdleGate.Wait wait = IdleGate.check(clock.instant(), unit.lastScanAt(), waitingSince, update,
                config.get().workflow().zone());
        if (wait != null) {
            if (!wait.kind().equals(waitKind)) {
                waitKind = wait.kind();
                change(state(order, state.from(), UpdateState.WAITING_IDLE, wait.text()));
            }
            poll = fleet.schedule(this::gate, POLL_MILLIS);
            return;
        }
        requested = true;
        change(state(order, state.from(), UpdateState.INSTALLING, null));
        try {
            files.request(order, state.from(), update.verifySeconds());
            log.info("update: {} handed to the helper; the unit restarts when it is installed", order.version());
        } catch (IOException e) {
            requested = false;
            files.clear();
            change(state(order, state.from(), UpdateState.FAILED, "cannot write the helper's request: " + e));
            return;
        }
        schedulePoll();
    }

    private void schedulePoll() { poll = fleet.schedule(this::tick, POLL_MILLIS); }

    /** While installing or verifying: the helper's result, and the new version's proof that it works. */
    private synchronized void tick() {
        poll = null;
        if (order == null || state.isFinal() || readResult(state.from())) {
            return;
        }
        if (UpdateState.INSTALLING.equals(state.state()) && files.untaken(clock.instant())) {
            files.clear();
            change(state(order, state.from(), UpdateState.FAILED, HelperFiles.UNTAKEN));
            return;
        }
        if (UpdateState.VERIFYING.equals(state.state()) && !verified && unit.working()) {
            verified = true;
            String version = order.version();
            publisher.publishThen(state.toJson(), () -> files.verified(version));
        }
        schedulePoll();
    }

    /** The helper's result, when there is one: the update's final state. */
    private boolean readResult(String from) {
        HelperFiles.Result result = files.result(order == null ? "?" : order.version());
        if (result == null) {
            return false;
        }
        if (result.markBad()) {
            bad.add(result.version(), result.reason() == null ? "reverted" : result.reason(),
                    result.at() == null ? clock.instant().toString() : result.at());
        }
        files.clear();
        stopWork();
        log.info("update: the helper reports {} for {}{}", result.state(), result.version(),
                result.reason() == null ? "" : ": " + result.reason());
        change(new UpdateState(result.version(), from, unit.runningVersion(), result.state(), result.reason(),
                order == null ? null : order.rollout(), clock.instant().toString(), null, null));
        return true;
    }

    private void stopWork() {
        if (download != null) {
            download.cancel();
            download = null;
        }
        if (poll != null) {
            poll.cancel();
            poll = null;
        }
    }

    private void change(UpdateState next) {
        state = next;
        if (order != null) {
            record.keep(order, next);
        }
        last = next.last();
        publisher.publish(next.toJson());
        if (next.isFinal()) {
            ended.run();
        }
    }

    private UpdateState state(UpdateOrder o, String from, String name, String reason) {
        return state(o, from, name, reason, null, null);
    }
    private UpdateState state(UpdateOrder o, String from, String name, String reason, Long bytes, Long of) {
        return new UpdateState(o.version(), from, unit.runningVersion(), name, reason, o.rollout(),
                clock.instant().toString(), bytes, of);
    }
}
