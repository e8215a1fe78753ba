package io.stampbox.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the database refuses a whole batch outright (not a connection or deadlock failure), each message
 * is stored in its own transaction, so one bad message cannot hold the others; a message still refused is
 * counted as rejected ({@code db-refused}) and acknowledged, so it is not retried for ever. A failure worth
 * retrying (the connection went) is thrown, and the caller retries the whole batch (stored ones are kept once).
 */
final class OneByOne {

    private static final Logger LOG = LoggerFactory.getLogger(OneByOne.class);

    private OneByOne() {}

    static EventStore.Outcome store(EventStore store, EventStore.Batch batch, SQLException cause) throws SQLException {
        LOG.warn("database refused a batch of {} events ({}): storing them one by one", batch.events().size(), Ingestor.oneLine(cause));
        int inserted = 0;
        int duplicates = 0;
        List<IngestEvent> conflicts = new ArrayList<>();
        Map<String, Long> settled = new TreeMap<>();
        List<Inbound.Rejected> refused = new ArrayList<>(batch.rejects());
        List<EventStore.Batch> singles = new ArrayList<>();
        batch.events().forEach(e -> singles.add(new EventStore.Batch(List.of(e), List.of(), List.of())));
        batch.reports().forEach(r -> singles.add(new EventStore.Batch(List.of(), List.of(), List.of(r))));
        for (EventStore.Batch one : singles) {
            try {
                EventStore.Outcome o = store.store(one);
                inserted += o.inserted();
                duplicates += o.duplicates();
                conflicts.addAll(o.conflicts());
                settled.putAll(o.settled());
            } catch (SQLException e) {
                if (EventStore.retryable(e)) {
                    throw e;
                }
                String device = one.events().isEmpty() ? one.reports().get(0).deviceId() : one.events().get(0).deviceId();
                refused.add(new Inbound.Rejected(device, "db-refused", "database: " + e.getSQLState() + " " + Ingestor.oneLine(e)));
            }
        }
        try {
            store.store(new EventStore.Batch(List.of(), refused, List.of()));
        } catch (SQLException e) {
            LOG.warn("could not count {} refused messages: {}", refused.size(), Ingestor.oneLine(e));
        }
        return new EventStore.Outcome(inserted, duplicates, conflicts, settled);
    }
}
