package io.stampbox.outbox;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a segment file, {@code seg-<firstSeq>-<capacity>.db}: the segment holds seq firstSeq up
 * to at most firstSeq + capacity - 1. The name alone bounds the seqs a lost segment may have used, so
 * that seq never goes backwards even when the newest store must be replaced.
 */
record SegmentName(long firstSeq, int capacity) {

    private static final Pattern PATTERN = Pattern.compile("seg-(\\d{20})-(\\d+)\\.db");

    String fileName() {
        return String.format("seg-%020d-%d.db", firstSeq, capacity);
    }

    /** The first seq that this segment can never have used. */
    long endSeq() {
        return firstSeq + capacity;
    }

    static Optional<SegmentName> parse(String fileName) {
        Matcher m = PATTERN.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SegmentName(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2))));
    }
}
