package io.stampbox.counter;

import io.stampbox.outbox.Outbox;
import io.stampbox.outbox.OutboxException;
import io.stampbox.outbox.StoredEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory outbox for pipeline tests, that fails appends on demand. */
final class FakeOutbox implements Outbox {

    final List<StoredEvent> events = new CopyOnWriteArrayList<>();
    final Map<String, Long> stamps = new HashMap<>();
    volatile OutboxException failWith;
    private long nextSeq = 1;

    @Override
    public synchronized long nextSeq() {
        return nextSeq;
    }

    @Override
    public synchronized void append(List<StoredEvent> batch, Map<String, Long> cardStamps) throws OutboxException {
        if (failWith != null) {
            throw failWith;
        }
        for (StoredEvent e : batch) {
            if (e.seq() != nextSeq) {
                throw new IllegalArgumentException("seq " + e.seq() + ", expected " + nextSeq);
            }
            nextSeq++;
        }
        events.addAll(batch);
        stamps.putAll(cardStamps);
    }

    @Override
    public List<StoredEvent> read(long fromSeq, int max) {
        List<StoredEvent> out = new ArrayList<>();
        for (StoredEvent e : events) {
            if (e.seq() >= fromSeq && out.size() < max) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public void acknowledgeThrough(long seq) {}

    @Override
    public long depth() {
        return events.size();
    }

    @Override
    public long oldestPendingSeq() {
        return events.isEmpty() ? 0 : events.get(0).seq();
    }

    @Override
    public synchronized Map<String, Long> cardStamps() {
        return new HashMap<>(stamps);
    }

    @Override
    public void retainCardStampsFor(long millis) {}

    @Override
    public void onAppend(Runnable listener) {}

    @Override
    public void close() {}
}
