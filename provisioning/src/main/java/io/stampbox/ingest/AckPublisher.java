package io.stampbox.ingest;

import io.stampbox.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Backend acknowledgements (contract revision 2026-11-30, {@code uplink.ack: backend}): {@code {"throughSeq": N}}
 * on {@code {root}/{id}/scan/ack}. Only ever offered a value read inside a committed transaction, so an ack
 * never runs ahead of the database. Coalesced per unit (the newest N wins) and kept until the client takes
 * it; every batch that touches a unit acks it again, so a lost ack or a resend is answered (idempotent).
 * Owned by the ingest thread.
 */
final class AckPublisher {

    interface Sink {
        boolean publish(String topic, byte[] payload);
    }

    private final String root;
    private final Sink sink;
    private final Map<String, Long> pending = new TreeMap<>();
    private long published;

    AckPublisher(String root, Sink sink) {
        this.root = root;
        this.sink = sink;
    }

    void offer(Map<String, Long> settled) {
        settled.forEach((device, through) -> {
            if (through > 0) {
                pending.merge(device, through, Math::max);
            }
        });
    }

    /** Publishes what the client takes now; the rest waits for the next call. */
    void flush() {
        for (Iterator<Map.Entry<String, Long>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> ack = it.next();
            byte[] payload = ("{\"throughSeq\":" + ack.getValue() + "}").getBytes(StandardCharsets.UTF_8);
            if (!sink.publish(new Topics(root, ack.getKey()).device("scan/ack"), payload)) {
                return;
            }
            it.remove();
            published++;
        }
    }

    long published() {
        return published;
    }

    int pending() {
        return pending.size();
    }
}
