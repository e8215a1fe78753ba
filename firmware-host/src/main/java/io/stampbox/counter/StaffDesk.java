package io.stampbox.counter;

import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.health.Metrics.Tally;
import io.stampbox.scan.Frame;
import io.stampbox.signal.Indication;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.StaffButton.Press;
import io.stampbox.time.Scheduler;
import io.stampbox.time.Ticker;
import io.stampbox.wire.Masking;
import io.stampbox.wire.ScanEvent;
import io.stampbox.wire.ScanResult;
import io.stampbox.wire.Signal;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the staff button does (docs/workflows.md): a short press confirms the card scan held in
 * staff-confirm mode, or else undoes the last {@code accepted} stamp within {@code staff.undoSeconds} by
 * recording a {@code void} event before the {@code undone} signal; a long press drops a held scan.
 * Owned by the "scan-pipeline" thread (the outbox's only appender): presses and expiries reach it
 * through the pipeline's queue. Nothing here survives a restart: the undo window and a held scan are
 * the counter's moment, kept in memory only.
 */
final class StaffDesk {

    private static final Logger log = LoggerFactory.getLogger(StaffDesk.class);

    /** A press, stamped on the pipeline's ticker when it was enqueued. */
    record Pressed(Press press, long atNanos) {}

    /** A held scan's confirmation time ran out. */
    record Expiry(long holdId) {}

    /** A backend's answer on scan/result, already checked, stamped when it arrived. */
    record Answered(ScanResult result, long atNanos) {}

    /** The latest stamp signalled {@code accepted}, while it may still be undone. */
    record Accepted(String eventId, long seq, String cardId, long signalledNanos) {}

    private record Held(long id, Frame frame, Decision.Stamp stamp, Scheduler.Task expiry) {}

    private final GroupCommit commit;
    private final Indicator indicator;
    private final Metrics metrics;
    private final Ticker ticker;
    private final Scheduler timers;
    private final Consumer<Object> enqueue;
    private Accepted last;
    private boolean lastUndone;
    private Held held;
    private long holds;

    /**
     * @param timers where confirmation deadlines are kept; a deadline only enqueues an {@link Expiry}
     * @param enqueue puts an item on the pipeline's queue
     */
    StaffDesk(GroupCommit commit, Indicator indicator, Metrics metrics, Ticker ticker, Scheduler timers,
            Consumer<Object> enqueue) {
        this.commit = commit;
        this.indicator = indicator;
        this.metrics = metrics;
        this.ticker = ticker;
        this.timers = timers;
        this.enqueue = enqueue;
    }

    /** A stdin line {@code !} or {@code !!} presses the button, only where configured (docs/workflows.md). */
    static Pressed consolePress(Frame frame, UnitConfig cfg) {
        if (!cfg.staff().consolePresses() || cfg.feedback().platform() != UnitConfig.Platform.CONSOLE) {
            return null;
        }
        String text = new String(frame.bytes(), StandardCharsets.UTF_8).strip();
        return switch (text) {
            case "!" -> new Pressed(Press.SHORT, frame.receivedNanos());
            case "!!" -> new Pressed(Press.LONG, frame.receivedNanos());
            default -> null;
        };
    }

    /** A stamp was signalled {@code accepted}: it is now the one a short press undoes. */
    void accepted(ScanEvent event, long signalledNanos) {
        last = new Accepted(event.eventId(), event.seq(), event.cardId(), signalledNanos);
        lastUndone = false;
    }

    /** The latest accepted stamp (undone or not), or null: what a "reward due" answer must name. */
    Accepted latest() {
        return last;
    }

    /**
     * Staff-confirm: holds a card scan in memory, nothing recorded, and plays {@code awaiting-staff}. A
     * scan already held is dropped (no event; counted {@code expired}): staff confirm the card in front
     * of them, and one press never stamps two cards.
     */
    void hold(Frame frame, Decision.Stamp stamp, UnitConfig cfg) {
        if (held != null) {
            held.expiry().cancel();
            metrics.count(Tally.EXPIRED);
            log.info("held scan of card {} replaced by a new scan before a press: not recorded",
                    Masking.mask(held.stamp().cardId()));
        }
        long id = ++holds;
        Scheduler.Task expiry = timers.schedule(() -> enqueue.accept(new Expiry(id)),
                cfg.staff().confirmSeconds() * 1000L);
        held = new Held(id, frame, stamp, expiry);
        show(Indication.of(Signal.AWAITING_STAFF), Tally.AWAITING_STAFF);
    }

    void expire(Expiry expiry) {
        if (held != null && held.id() == expiry.holdId()) {
            held = null;
            show(Indication.of(Signal.EXPIRED), Tally.EXPIRED);
        }
    }

    void pressed(Pressed pressed, UnitConfig cfg, boolean clockSynced) {
        if (held != null) {
            Held h = held;
            held = null;
            h.expiry().cancel();
            if (pressed.press() == Press.LONG) {
                show(Indication.of(Signal.EXPIRED), Tally.EXPIRED);
            } else {
                confirm(h, cfg, clockSynced);
            }
            return;
        }
        if (pressed.press() == Press.SHORT && undoable(pressed.atNanos(), cfg)) {
            undo(cfg, clockSynced);
        } else {
            show(Indication.of(Signal.NOTHING_TO_UNDO), Tally.NOTHING_TO_UNDO);
        }
    }

    /** One item off the pipeline's queue that is not a frame; a failure is logged and signalled {@code fault}. */
    void take(Object item, UnitConfig cfg, boolean clockSynced) {
        try {
            if (item instanceof Pressed p) {
                pressed(p, cfg, clockSynced);
            } else if (item instanceof Expiry e) {
                expire(e);
            } else if (item instanceof Answered a) {
                answered(a, cfg);
            }
        } catch (RuntimeException e) {
            log.error("staff item {} failed unexpectedly; signalled fault", item, e);
            show(Indication.of(Signal.FAULT), Tally.FAULT);
        }
    }

    /** Reads an answer on scan/result hostile-first; a bad one is logged, counted and gives null. */
    static Answered read(byte[] payload, long atNanos, Metrics metrics) {
        try {
            return new Answered(ScanResult.parse(payload), atNanos);
        } catch (IllegalArgumentException e) {
            log.info("scan/result ignored: {}", e.getMessage());
            metrics.count(Tally.SCAN_RESULTS_IGNORED);
            return null;
        }
    }

    /**
     * Plays {@code reward-due} only when the answer names the latest accepted stamp (not undone) and
     * came within {@code feedback.rewardWindowMs} of its signal: staff must never hand over a reward for
     * the customer before. Anything else that says "due" is only counted.
     */
    void answered(Answered answered, UnitConfig cfg) {
        ScanResult result = answered.result();
        if (!result.rewardDue()) {
            return;
        }
        boolean latest = last != null && !lastUndone && last.eventId().equals(result.eventId());
        long ageMs = latest ? (answered.atNanos() - last.signalledNanos()) / 1_000_000 : -1;
        if (latest && ageMs <= cfg.workflow().rewardWindowMs()) {
            log.info("reward due for stamp seq {} ({}/{}), answered after {} ms", last.seq(), result.stamps(),
                    result.goal(), ageMs);
            show(Indication.of(Signal.REWARD_DUE), Tally.REWARD_DUE);
        } else {
            log.info("reward due for event {} not signalled: {}", result.eventId(),
                    latest ? "answered after " + ageMs + " ms" : "not the latest stamp");
            metrics.count(Tally.REWARDS_DUE_UNSIGNALLED);
        }
    }

    private boolean undoable(long atNanos, UnitConfig cfg) {
        return last != null && !lastUndone
                && atNanos - last.signalledNanos() <= cfg.staff().undoSeconds() * 1_000_000_000L;
    }

    private void confirm(Held h, UnitConfig cfg, boolean clockSynced) {
        GroupCommit.Batch batch = commit.begin();
        ScanEvent event = commit.add(batch, h.frame(), h.stamp(), cfg, clockSynced);
        if (commit.commit(batch)) {
            show(new Indication(Signal.ACCEPTED, event.eventId(), event.seq()), Tally.ACCEPTED);
            accepted(event, ticker.nanos());
        } else {
            show(Indication.of(Signal.FAULT), Tally.FAULT);
        }
    }

    /** The void is durable before {@code undone} plays; a failed write undoes nothing and says {@code fault}. */
    private void undo(UnitConfig cfg, boolean clockSynced) {
        GroupCommit.Batch batch = commit.begin();
        ScanEvent event = commit.addVoid(batch, last, cfg, clockSynced);
        if (commit.commit(batch)) {
            lastUndone = true;
            log.info("stamp seq {} ({}) voided by staff: void event seq {}", last.seq(), last.eventId(), event.seq());
            show(new Indication(Signal.UNDONE, event.eventId(), event.seq()), Tally.UNDONE);
        } else {
            show(Indication.of(Signal.FAULT), Tally.FAULT);
        }
    }

    private void show(Indication indication, Tally tally) {
        indicator.show(indication);
        metrics.count(tally);
    }
}
