package io.stampbox.outbox;

/** Seqs {@code from} to {@code to}, both included: a range of events the outbox lost. */
public record SeqRange(long from, long to) {

    public SeqRange {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("seq range: need 1 <= from <= to, got " + from + ".." + to);
        }
    }

    boolean covers(SeqRange other) {
        return from <= other.from && other.to <= to;
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}
