package io.stampbox.outbox;

import io.stampbox.time.Ticker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outbox that may not be there yet: when the store cannot be opened at start (storage dir
 * unwritable, disk gone), the unit keeps running, stamps get {@code fault}, and opening is tried again
 * at most every {@link #RETRY_NANOS} (5 s on the given ticker) from the appender's thread until it works.
 */
public final class ReopeningOutbox implements Outbox {

    private static final Logger log = LoggerFactory.getLogger(ReopeningOutbox.class);
    static final long RETRY_NANOS = 5_000_000_000L;

    private final Callable<Outbox> opener;
    private final String where;
    private final Ticker ticker;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Outbox delegate;
    private volatile long retainMillis = -1;
    private long lastAttempt;
    private String lastFailure;

    /**
     * Tries to open at once.
     *
     * @param where the store's place, for messages
     * @param ticker what the 5 s between attempts is measured on ({@link Ticker#SYSTEM} in the unit)
     */
    public ReopeningOutbox(Callable<Outbox> opener, String where, Ticker ticker) {
        this.opener = opener;
        this.where = where;
        this.ticker = ticker;
        tryOpen();
    }

    /** Whether the store is open (it stays open once it is). */
    public boolean available() {
        return delegate != null;
    }

    private synchronized void tryOpen() {
        if (delegate != null) {
            return;
        }
        lastAttempt = ticker.nanos();
        try {
            Outbox opened = opener.call();
            listeners.forEach(opened::onAppend);
            if (retainMillis >= 0) {
                opened.retainCardStampsFor(retainMillis);
            }
            delegate = opened;
            if (lastFailure != null) {
                log.info("outbox at {} is open now", where);
            }
        } catch (Exception e) {
            String failure = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!failure.equals(lastFailure)) {
                log.error("cannot open the outbox at {}: {}; stamps get 'fault' until it opens", where, failure);
            }
            lastFailure = failure;
        }
    }

    private Outbox openOrNull() {
        if (delegate == null && ticker.nanos() - lastAttempt > RETRY_NANOS) {
            tryOpen();
        }
        return delegate;
    }

    @Override
    public long nextSeq() {
        Outbox d = openOrNull();
        return d == null ? 1 : d.nextSeq();
    }

    @Override
    public void append(List<StoredEvent> events, Map<String, Long> cardStamps) throws OutboxException {
        Outbox d = delegate;
        if (d == null) {
            throw new OutboxException(OutboxException.Reason.IO, "outbox at " + where + " cannot be opened: "
                    + lastFailure, null);
        }
        d.append(events, cardStamps);
    }

    @Override
    public List<StoredEvent> read(long fromSeq, int max) {
        Outbox d = delegate;
        return d == null ? List.of() : d.read(fromSeq, max);
    }

    @Override
    public void acknowledgeThrough(long seq) {
        Outbox d = delegate;
        if (d != null) {
            d.acknowledgeThrough(seq);
        }
    }

    @Override
    public long depth() {
        Outbox d = delegate;
        return d == null ? 0 : d.depth();
    }

    @Override
    public long oldestPendingSeq() {
        Outbox d = delegate;
        return d == null ? 0 : d.oldestPendingSeq();
    }

    @Override
    public List<SeqRange> lostSeqs() {
        Outbox d = delegate;
        return d == null ? List.of() : d.lostSeqs();
    }

    @Override
    public Map<String, Long> cardStamps() {
        Outbox d = delegate;
        return d == null ? Map.of() : d.cardStamps();
    }

    @Override
    public synchronized void retainCardStampsFor(long millis) {
        retainMillis = millis;
        Outbox d = delegate;
        if (d != null) {
            d.retainCardStampsFor(millis);
        }
    }

    @Override
    public synchronized void onAppend(Runnable listener) {
        listeners.add(listener);
        Outbox d = delegate;
        if (d != null) {
            d.onAppend(listener);
        }
    }

    @Override
    public void close() {
        Outbox d = delegate;
        if (d != null) {
            d.close();
        }
    }
}
