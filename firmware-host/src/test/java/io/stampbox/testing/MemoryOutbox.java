package io.stampbox.testing;

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

/**
 * An in-memory {@link Outbox} for tests: the same contract (seq without gaps, acknowledgement prefix),
 * nothing durable. It fails appends or reads on demand and can stage a race; it keeps every appended
 * event for the test to read back, acknowledged or not.
 */
public final class MemoryOutbox implements Outbox {

    private final NavigableMap<Long, StoredEvent> pending = new TreeMap<>();
    private final List<StoredEvent> appended = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Long> stamps = new HashMap<>();
    private long nextSeq = 1;
    private long acknowledgedThrough;
    private int reads;
    private int failingReads;
    private OutboxException appendFailure;
    /** Runs once, right after the next {@link #oldestPendingSeq()} computed its answer (to stage races). */
    private Runnable afterOldestPendingSeq;

    /** Appends {@code count} scan-like events of about 250 bytes (see {@link #scanPayload}). */
    public void appendScans(int count) {
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

    /** A scan event's JSON for {@code seq}, about 250 bytes, as the unit would store it. */
    public static byte[] scanPayload(long seq) {
        String json = "{\"schema\":\"stampbox.scan.v1\",\"eventId\":\"0190f5e2-7c1a-7000-8000-"
                + String.format("%012d", seq) + "\",\"deviceId\":\"unit-1\",\"storeId\":\"store-9\",\"seq\":" + seq
                + ",\"kind\":\"stamp\",\"cardId\":\"CARD" + (seq % 1000) + "\",\"code\":\"LOYALTY-CARD" + (seq % 1000)
                + "\",\"symbology\":\"qr\",\"scannedAt\":\"" + Instant.ofEpochSecond(1_790_000_000L + seq)
                + "\",\"clockSynced\":true,\"configVersion\":7}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code seq} field of a payload made by {@link #scanPayload}. */
    public static long seqOf(byte[] payload) {
        String json = new String(payload, StandardCharsets.UTF_8);
        int at = json.indexOf("\"seq\":") + 6;
        return Long.parseLong(json.substring(at, json.indexOf(',', at)));
    }

    /** Every later append throws {@code failure} and keeps nothing, as a full or failing disk would; null heals. */
    public synchronized void failAppendsWith(OutboxException failure) {
        appendFailure = failure;
    }

    /** The next {@code n} reads throw, as a store with a disk error would. */
    public synchronized void failNextReads(int n) {
        failingReads = n;
    }

    /** Runs {@code hook} once, right after the next {@link #oldestPendingSeq()} computed its answer. */
    public synchronized void afterOldestPendingSeq(Runnable hook) {
        afterOldestPendingSeq = hook;
    }

    /** A card stamp as if kept from before a restart. */
    public synchronized void putCardStamp(String cardId, long epochMillis) {
        stamps.put(cardId, epochMillis);
    }

    /** Every event appended so far, acknowledged or not, in seq order. */
    public List<StoredEvent> appended() {
        return List.copyOf(appended);
    }

    public synchronized long acknowledgedThrough() {
        return acknowledgedThrough;
    }

    /** How many times {@link #read} was called. */
    public synchronized int reads() {
        return reads;
    }

    @Override
    public synchronized long nextSeq() {
        return nextSeq;
    }

    @Override
    public void append(List<StoredEvent> events, Map<String, Long> cardStamps) throws OutboxException {
        synchronized (this) {
            if (appendFailure != null) {
                throw appendFailure;
            }
            long seq = nextSeq;
            for (StoredEvent e : events) {
                if (e.seq() != seq++) {
                    throw new IllegalArgumentException("append: expected seq " + (seq - 1) + ", got " + e.seq());
                }
            }
            for (StoredEvent e : events) {
                pending.put(e.seq(), e);
            }
            appended.addAll(events);
            nextSeq = seq;
            stamps.putAll(cardStamps);
        }
        listeners.forEach(Runnable::run);
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

    @Override
    public synchronized long depth() {
        return pending.size();
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
