package io.stampbox.testing;

import io.stampbox.outbox.MapDbOutbox;
import io.stampbox.outbox.OutboxException;
import io.stampbox.outbox.StoredEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real MapDB outbox filled with {@code count} scan-like events, for the drain benchmarks. */
public final class FilledOutbox {

    private static final int BATCH = 5_000;

    private FilledOutbox() {}

    public static MapDbOutbox open(Path dir, long count) throws OutboxException {
        MapDbOutbox outbox = MapDbOutbox.open(dir, count + 1, Clock.systemUTC());
        while (outbox.nextSeq() <= count) {
            long first = outbox.nextSeq();
            List<StoredEvent> batch = new ArrayList<>(BATCH);
            for (long seq = first; seq < first + BATCH && seq <= count; seq++) {
                batch.add(new StoredEvent(seq, MemoryOutbox.scanPayload(seq)));
            }
            outbox.append(batch, Map.of());
        }
        return outbox;
    }
}
