package io.stampbox.ingest;

/** An ingest inside the test JVM (the parts {@code run} wires), on its own thread; close stops it. */
final class InProcessIngest implements AutoCloseable {

    final Ingestor ingestor;
    private final SharedConsumer consumer;
    private final EventStore store;
    private final Thread thread;

    InProcessIngest(String url, TestDatabase db, String root, String clientId, int maxBytes) throws Exception {
        store = new EventStore(db::open);
        IngestSettings settings = new IngestSettings(url, clientId, "test", root, null, null, 300, 1000, 500, maxBytes);
        consumer = new SharedConsumer(settings);
        consumer.connect();
        ingestor = new Ingestor(consumer, store, new EventParser(root, maxBytes), root, 500);
        thread = new Thread(ingestor, "stampbox-ingest-" + clientId);
        thread.start();
    }

    boolean alive() {
        return thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        ingestor.stop();
        thread.join(10_000);
        consumer.close();
        store.close();
    }
}
