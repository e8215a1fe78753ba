package io.stampbox.counter;

import io.stampbox.config.UnitConfig;
import io.stampbox.outbox.Outbox;
import io.stampbox.outbox.OutboxException;
import io.stampbox.outbox.StoredEvent;
import io.stampbox.scan.Frame;
import io.stampbox.wire.ScanEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the stamps of one batch in one outbox append, then tells the {@link ScanDecision} (cooldowns and
 * rotating steps hold from now on), or, when the append fails, that they were not recorded and the unit
 * has a storage fault until an append works again. Owned by the "scan-pipeline" thread: the outbox's
 * only appender.
 */
final class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** The stamps of one group commit, seq numbers taken from the outbox when it began. */
    static final class Batch {
        private final long firstSeq;
        private final List<StoredEvent> events = new ArrayList<>();
        private final List<String> codes = new ArrayList<>();
        private final ScanDecision.Pending pending = ScanDecision.Pending.empty();

        private Batch(long firstSeq) {
            this.firstSeq = firstSeq;
        }

        ScanDecision.Pending pending() {
            return pending;
        }

        boolean isEmpty() {
            return events.isEmpty();
        }
    }

    private final Outbox outbox;
    private final StatusBoard status;
    private final ScanDecision decision;
    private final EventIds eventIds;
    private final Clock clock;
    private boolean faulted;

    GroupCommit(Outbox outbox, StatusBoard status, ScanDecision decision, Clock clock) {
        this.outbox = outbox;
        this.status = status;
        this.decision = decision;
        this.eventIds = new EventIds(clock);
        this.clock = clock;
    }

    Batch begin() {
        return new Batch(outbox.nextSeq());
    }

    /** Adds a stamp to the batch as the next event; returns the event (its id and seq go on the signal). */
    ScanEvent add(Batch batch, Frame frame, Decision.Stamp stamp, UnitConfig cfg, boolean clockSynced) {
        long seq = batch.firstSeq + batch.events.size();
        ScanEvent event = new ScanEvent(ScanEvent.SCHEMA, eventIds.next().toString(), cfg.device().id(),
                cfg.device().store(), seq, ScanEvent.KIND_STAMP, stamp.cardId(), stamp.decoded().text(),
                stamp.decoded().symbology(), ScanDecision.scannedAt(frame), clockSynced, cfg.version(), null);
        batch.events.add(new StoredEvent(seq, event.toJson()));
        batch.codes.add(stamp.code());
        batch.pending.add(stamp);
        return event;
    }

    /**
     * Adds a {@code void} of an accepted stamp to the batch as the next event: it names the stamp's
     * eventId and seq, never changes it.
     */
    ScanEvent addVoid(Batch batch, StaffDesk.Accepted stamp, UnitConfig cfg, boolean clockSynced) {
        long seq = batch.firstSeq + batch.events.size();
        String at = java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        ScanEvent event = new ScanEvent(ScanEvent.SCHEMA, eventIds.next().toString(), cfg.device().id(),
                cfg.device().store(), seq, ScanEvent.KIND_VOID, stamp.cardId(), null, null, at, clockSynced,
                cfg.version(), new ScanEvent.Voids(stamp.eventId(), stamp.seq()));
        batch.events.add(new StoredEvent(seq, event.toJson()));
        return event;
    }

    /** Appends the batch (nothing to do when empty). Returns whether its stamps are recorded. */
    boolean commit(Batch batch) {
        if (batch.isEmpty()) {
            return true;
        }
        try {
            outbox.append(batch.events, batch.pending.stamps());
        } catch (OutboxException e) {
            decision.notCommitted(batch.codes);
            if (!faulted) {
                faulted = true;
                log.error("storage write failed ({}): stamps get 'fault' until it works again: {}",
                        e.reason(), e.getMessage(), e);
                status.storageFault(true);
            }
            return false;
        }
        decision.committed(batch.pending, clock.millis());
        if (faulted) {
            faulted = false;
            log.info("storage writes succeed again");
            status.storageFault(false);
        }
        return true;
    }
}
