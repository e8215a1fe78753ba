package io.stampbox.uplink;

import io.stampbox.outbox.Outbox;
import io.stampbox.outbox.OutboxException;
import io.stampbox.outbox.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory {@link Outbox} for uplink tests: same contract, nothing durable. */
final class MemoryOutbox implements Outbox {

    private final NavigableMap<Long, StoredEvent> pending = new TreeMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Long> stamps = new HashMap<>();
    private long nextSeq = 1;
    private long acknowledgedThrough;
    private int reads;

    /** Appends {@code count} scan-like events of about 250 bytes. */
    void appendScans(int count) {
        List<StoredEvent> events = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                long seq = nextSeq + i;
                events.add(new StoredEvent(seq, scanPayload(seq)));
            }
        }
        try {
            append(events, Map.of());
        } catch (OutboxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] scanPayload(long seq) {
        String json = "{\"schema\":\"stampbox.scan.v1\",\"eventId\":\"0190f5e2-7c1a-7000-8000-"
                + String.format("%012d", seq) + "\",\"deviceId\":\"unit-1\",\"storeId\":\"store-9\",\"seq\":" + seq
                + ",\"kind\":\"stamp\",\"cardId\":\"CARD" + (seq % 1000) + "\",\"code\":\"LOYALTY-CARD" + (seq % 1000)
                + "\",\"symbology\":\"qr\",\"scannedAt\":\"" + Instant.ofEpochSecond(1_790_000_000L + seq)
                + "\",\"clockSynced\":true,\"configVersion\":7}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code seq} field of a payload made by {@link #scanPayload}. */
    static long seqOf(byte[] payload) {
        String json = new String(payload, StandardCharsets.UTF_8);
        int at = json.indexOf("\"seq\":") + 6;
        return Long.parseLong(json.substring(at, json.indexOf(',', at)));
    }

    @Override
    public synchronized long nextSeq() {
        return nextSeq;
    }

    @Override
    public void append(List<StoredEvent> events, Map<String, Long> cardStamps) throws OutboxException {
        synchronized (this) {
            for (StoredEvent e : events) {
                if (e.seq() != nextSeq) {
                    throw new IllegalArgumentException("append: expected seq " + nextSeq + ", got " + e.seq());
                }
                pending.put(e.seq(), e);
                nextSeq++;
            }
            stamps.putAll(cardStamps);
        }
        listeners.forEach(Runnable::run);
    }

    private int failingReads;

    /** The next {@code n} reads throw, as a store with a disk error would. */
    synchronized void failNextReads(int n) {
        failingReads = n;
    }

    @Override
    public synchronized List<StoredEvent> read(long fromSeq, int max) {
        reads++;
        if (failingReads > 0) {
            failingReads--;
            throw new IllegalStateException("read failed (staged)");
        }
        List<StoredEvent> out = new ArrayList<>(Math.min(max, 256));
        for (StoredEvent e : pending.tailMap(fromSeq, true).values()) {
            if (out.size() >= max) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public synchronized void acknowledgeThrough(long seq) {
        if (seq < acknowledgedThrough) {
            throw new IllegalArgumentException("acknowledgeThrough went back: " + seq + " < " + acknowledgedThrough);
        }
        acknowledgedThrough = seq;
        pending.headMap(seq, true).clear();
    }

    synchronized long acknowledgedThrough() {
        return acknowledgedThrough;
    }

    synchronized int reads() {
        return reads;
    }

    @Override
    public synchronized long depth() {
        return pending.size();
    }

    /** Runs once, right after the next {@link #oldestPendingSeq()} computed its answer (to stage races). */
    private Runnable afterOldestPendingSeq;

    synchronized void afterOldestPendingSeq(Runnable hook) {
        afterOldestPendingSeq = hook;
    }

    @Override
    public long oldestPendingSeq() {
        long oldest;
        Runnable hook;
        synchronized (this) {
            oldest = pending.isEmpty() ? 0 : pending.firstKey();
            hook = afterOldestPendingSeq;
            afterOldestPendingSeq = null;
        }
        if (hook != null) {
            hook.run();
        }
        return oldest;
    }

    @Override
    public synchronized Map<String, Long> cardStamps() {
        return Map.copyOf(stamps);
    }

    @Override
    public void retainCardStampsFor(long millis) {}

    @Override
    public void onAppend(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {}
}
