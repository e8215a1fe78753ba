package io.stampbox.uplink;

import io.stampbox.outbox.Outbox;
import io.stampbox.outbox.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An outbox of {@code count} buffered events whose payloads are made on read, so that a benchmark can
 * measure the uplink's own memory with a million events pending without holding them in the heap.
 */
final class SyntheticOutbox implements Outbox {

    private final long last;
    private volatile long acknowledgedThrough;

    SyntheticOutbox(long count) {
        this.last = count;
    }

    @Override
    public long nextSeq() {
        return last + 1;
    }

    @Override
    public void append(List<StoredEvent> events, Map<String, Long> cardStamps) {
        throw new UnsupportedOperationException("synthetic outbox: read only");
    }

    @Override
    public List<StoredEvent> read(long fromSeq, int max) {
        List<StoredEvent> out = new ArrayList<>();
        for (long seq = Math.max(fromSeq, acknowledgedThrough + 1); seq <= last && out.size() < max; seq++) {
            out.add(new StoredEvent(seq, MemoryOutbox.scanPayload(seq)));
        }
        return out;
    }

    @Override
    public void acknowledgeThrough(long seq) {
        acknowledgedThrough = seq;
    }

    @Override
    public long depth() {
        return last - acknowledgedThrough;
    }

    @Override
    public long oldestPendingSeq() {
        return depth() == 0 ? 0 : acknowledgedThrough + 1;
    }

    @Override
    public Map<String, Long> cardStamps() {
        return Map.of();
    }

    @Override
    public void retainCardStampsFor(long millis) {}

    @Override
    public void onAppend(Runnable listener) {}

    @Override
    public void close() {}
}
