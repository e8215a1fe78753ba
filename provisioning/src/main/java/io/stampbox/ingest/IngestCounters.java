package io.stampbox.ingest;

/** What this ingest process has seen since it started; written by the ingest thread only. */
final class IngestCounters {

    private long batches;
    private long databaseNanos;
    private long received;
    private long stored;
    private long duplicates;
    private long conflicts;
    private long rejected;
    private String last = "";

    void add(int messages, EventStore.Outcome outcome, int refused, long nanosInDatabase) {
        databaseNanos += nanosInDatabase;
        batches++;
        received += messages;
        stored += outcome.inserted();
        duplicates += outcome.duplicates();
        conflicts += outcome.conflicts().size();
        rejected += refused;
    }

    /** True once after each change, for the periodic summary line. */
    boolean changed() {
        String now = toString();
        boolean changed = !now.equals(last);
        last = now;
        return changed;
    }

    @Override
    public String toString() {
        return "messages " + received + " in " + batches + " transactions (" + databaseNanos / 1_000_000
                + " ms in the database), events stored " + stored + ", duplicates " + duplicates + ", conflicts "
                + conflicts + ", refused " + rejected;
    }
}
