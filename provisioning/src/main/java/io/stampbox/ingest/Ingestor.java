package io.stampbox.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest loop, on its one thread ({@code stampbox-ingest}): take a batch off the broker, check each
 * message, store the batch in one transaction, and only after the commit acknowledge the messages to the
 * broker (PUBACK) and publish the units' {@code scan/ack}. A database failure holds the batch (nothing
 * acknowledged) and retries it; a batch the database refuses outright is stored message by message, and a
 * message it still refuses is counted as rejected, never retried for ever.
 */
final class Ingestor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);
    private static final long POLL_MS = 50;
    private static final long SUMMARY_MS = 60_000;
    private static final int LOGGED_REJECTS_PER_SUMMARY = 20;

    private final SharedConsumer consumer;
    private final EventStore store;
    private final EventParser parser;
    private final AckPublisher acks;
    private final int batchMax;
    private final IngestCounters counters = new IngestCounters();
    private volatile boolean stopping;
    private int rejectsLogged;

    Ingestor(SharedConsumer consumer, EventStore store, EventParser parser, String root, int batchMax) {
        this.consumer = consumer;
        this.store = store;
        this.parser = parser;
        this.acks = new AckPublisher(root, consumer::publish);
        this.batchMax = batchMax;
    }

    void stop() {
        stopping = true;
    }

    IngestCounters counters() {
        return counters;
    }

    @Override
    public void run() {
        List<SharedConsumer.Delivery> batch = new ArrayList<>();
        long nextSummary = System.currentTimeMillis() + SUMMARY_MS;
        try {
            while (!stopping) {
                batch.clear();
                consumer.take(batch, batchMax, POLL_MS);
                resubscribeIfAsked();
                if (!batch.isEmpty()) {
                    handle(batch);
                }
                acks.flush();
                if (System.currentTimeMillis() >= nextSummary) {
                    summary();
                    nextSummary = System.currentTimeMillis() + SUMMARY_MS;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        summary();
    }

    private void handle(List<SharedConsumer.Delivery> deliveries) throws InterruptedException {
        List<IngestEvent> events = new ArrayList<>();
        List<Inbound.Rejected> rejects = new ArrayList<>();
        List<Inbound.Report> reports = new ArrayList<>();
        for (SharedConsumer.Delivery d : deliveries) {
            Inbound in = parser.parse(d.topic(), d.payload());
            if (in instanceof Inbound.Event e) {
                events.add(e.event());
            } else if (in instanceof Inbound.Report r) {
                if (!r.lost().isEmpty()) {
                    reports.add(r);
                }
            } else if (in instanceof Inbound.Rejected r) {
                rejects.add(r);
                logReject(d.topic(), r);
            }
        }
        long started = System.nanoTime();
        EventStore.Outcome outcome = storeHeld(new EventStore.Batch(events, rejects, reports));
        long inDatabase = System.nanoTime() - started;
        for (SharedConsumer.Delivery d : deliveries) {
            consumer.complete(d);
        }
        acks.offer(outcome.settled());
        counters.add(deliveries.size(), outcome, rejects.size(), inDatabase);
        for (IngestEvent c : outcome.conflicts()) {
            LOG.warn("unit {} seq {}: event {} conflicts with a stored event (same eventId or same seq, other content): not stored",
                    c.deviceId(), c.seq(), c.eventId());
        }
    }

    /** Stores the batch, retrying while the database is away; never returns without a commit (or a stop). */
    private EventStore.Outcome storeHeld(EventStore.Batch batch) throws InterruptedException {
        long delay = 200;
        boolean warned = false;
        while (true) {
            try {
                EventStore.Outcome outcome = attempt(batch);
                if (warned) {
                    LOG.info("database back: batch of {} stored", batch.events().size());
                }
                return outcome;
            } catch (SQLException e) {
                if (!warned) {
                    LOG.warn("database unavailable, holding {} messages unacknowledged: {}", batch.events().size(), oneLine(e));
                    warned = true;
                }
                if (stopping) {
                    throw new InterruptedException("stopping with the database away");
                }
                Thread.sleep(delay);
                delay = Math.min(delay * 2, 10_000);
            }
        }
    }

    /** One try; throws only a failure worth retrying as it is. */
    private EventStore.Outcome attempt(EventStore.Batch batch) throws SQLException, InterruptedException {
        try {
            return store.store(batch);
        } catch (SQLException e) {
            if (EventStore.retryable(e)) {
                throw e;
            }
            return OneByOne.store(store, batch, e);
        }
    }

    private void resubscribeIfAsked() {
        if (consumer.takeResubscribe()) {
            try {
                consumer.subscribe();
            } catch (Exception e) {
                LOG.warn("subscribing again after a reconnect failed: {}", e.toString());
            }
        }
    }

    private void logReject(String topic, Inbound.Rejected r) {
        if (rejectsLogged++ < LOGGED_REJECTS_PER_SUMMARY) {
            LOG.warn("refused a message on {}: {}: {}", Escape.text(topic, 200), r.reason(), r.detail());
        }
    }

    private void summary() {
        if (counters.changed()) {
            LOG.info("{}, acks published {}, acks waiting {}{}", counters, acks.published(), acks.pending(),
                    rejectsLogged > LOGGED_REJECTS_PER_SUMMARY ? ", " + (rejectsLogged - LOGGED_REJECTS_PER_SUMMARY) + " refusals not logged" : "");
        }
        rejectsLogged = 0;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
