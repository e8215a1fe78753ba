package io.stampbox.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The writer that crash tests kill: a separate JVM that appends batches of 1..3 events to the outbox
 * in {@code args[0]} and prints {@code ACK <seq>} once an append returned (durable through seq).
 *
 * <p>Modes: {@code fixed <batches>} does everything on the main thread — appends, acknowledgements,
 * flushes, rotation, close — so that its syscalls come in the same order every run (for strace fault
 * injection); {@code loop} appends until killed, with acknowledgements persisted by the outbox's own
 * flusher thread.
 */
public final class OutboxCrashChild {

    static final int SEGMENT_EVENTS = 6;
    static final long CHECKPOINT_BYTES = 12 * 1024;

    private OutboxCrashChild() {}

    static MapDbOutbox.Settings settings(Duration flushInterval) {
        return new MapDbOutbox.Settings(SEGMENT_EVENTS, Duration.ofSeconds(20), flushInterval,
                CHECKPOINT_BYTES);
    }

    static byte[] payload(long seq) {
        return ("{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat((int) (seq % 97)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        boolean loop = args[1].equals("loop");
        int batches = loop ? Integer.MAX_VALUE : Integer.parseInt(args[2]);
        Duration flush = loop ? Duration.ofMillis(5) : Duration.ofHours(1);
        MapDbOutbox box =
                MapDbOutbox.open(Path.of(args[0]), 1_000_000, Clock.systemUTC(), settings(flush));
        System.out.println("OPEN " + box.nextSeq());
        System.out.flush();
        for (int i = 0; i < batches; i++) {
            long first = box.nextSeq();
            List<StoredEvent> batch = new ArrayList<>();
            for (int k = 0; k <= i % 3; k++) {
                batch.add(new StoredEvent(first + k, payload(first + k)));
            }
            box.append(batch, Map.of("card-" + first % 5, first));
            System.out.println("ACK " + (first + batch.size() - 1));
            System.out.flush();
            if (i % 4 == 3) {
                box.acknowledgeThrough(first - 1);
                if (!loop) {
                    box.flushAcknowledgements();
                }
            }
        }
        box.close();
        System.out.println("DONE");
        System.out.flush();
    }
}
