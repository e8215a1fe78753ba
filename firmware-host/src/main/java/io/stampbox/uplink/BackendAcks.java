package io.stampbox.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's acknowledgements ({@code uplink.ack} = {@code backend}): {@code {root}/{id}/scan/ack} with
 * {@code {"throughSeq": N}} once the backend stored every event up to N. Remote input: N must be an
 * integer, at least 1 and not above the highest seq the unit sent; anything else is ignored, counted and
 * logged (once per kind of fault). An ack at or below the last one changes nothing. Thread-safe: the
 * uplink's dispatcher delivers, the drain thread reads.
 */
final class BackendAcks {

    private static final Logger log = LoggerFactory.getLogger(BackendAcks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicLong highestSent = new AtomicLong();
    private final AtomicLong through = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final Runnable wake;
    private volatile String lastFault;

    /** @param wake called after an ack moved {@link #through()} forward */
    BackendAcks(Runnable wake) {
        this.wake = wake;
    }

    /** The drain sent this seq (first time or again). */
    void sent(long seq) {
        highestSent.accumulateAndGet(seq, Math::max);
    }

    /** The drain starts from the outbox: everything up to {@code seq} is already released. */
    void releasedThrough(long seq) {
        through.accumulateAndGet(seq, Math::max);
        highestSent.accumulateAndGet(seq, Math::max);
    }

    long through() {
        return through.get();
    }

    long ignored() {
        return ignored.get();
    }

    /** A message on {@code scan/ack}, on the uplink's dispatcher thread. */
    void message(String topic, byte[] payload) {
        long n;
        try {
            JsonNode node = JSON.readTree(payload);
            JsonNode value = node == null ? null : node.get("throughSeq");
            if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
                reject("throughSeq must be an integer, got " + (value == null ? "nothing" : abbreviated(value.toString())));
                return;
            }
            n = value.longValue();
        } catch (IOException e) {
            reject("not JSON");
            return;
        }
        long max = highestSent.get();
        if (n < 1 || n > max) {
            reject("throughSeq " + n + " is not in 1.." + max + " (the highest seq sent)");
            return;
        }
        if (through.accumulateAndGet(n, Math::max) == n) {
            wake.run();
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private void reject(String why) {
        long count = ignored.incrementAndGet();
        if (!why.equals(lastFault)) {
            log.warn("uplink: ignored a backend ack on scan/ack: {} ({} ignored so far)", why, count);
            lastFault = why;
        }
    }
}
