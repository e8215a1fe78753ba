package io.stampbox.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An inclusive range of seqs, {@code first..last}, with {@code 1 <= first <= last}. */
record SeqRange(long first, long last) {

    SeqRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("seq range must have 1 <= first <= last, got " + first + ".." + last);
        }
    }

    boolean contains(long seq) {
        return seq >= first && seq <= last;
    }

    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + "-" + last;
    }

    /**
     * How far the contiguous prefix reaches: starting from {@code through} (every seq up to it settled), the
     * highest seq such that every seq above {@code through} up to it is in {@code stored} (ascending) or in
     * one of {@code lost}. With no lost ranges this is the last contiguous seq stored.
     */
    static long advance(long through, long[] stored, List<SeqRange> lost) {
        int i = 0;
        long cursor = through;
        while (true) {
            cursor = skipLost(cursor, lost);
            while (i < stored.length && stored[i] <= cursor) {
                i++;
            }
            if (i < stored.length && stored[i] == cursor + 1) {
                cursor++;
                i++;
            } else {
                return cursor;
            }
        }
    }

    private static long skipLost(long cursor, List<SeqRange> lost) {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (SeqRange r : lost) {
                if (r.contains(cursor + 1)) {
                    cursor = r.last;
                    moved = true;
                }
            }
        }
        return cursor;
    }

    /** The ranges merged where they overlap or touch, ascending. */
    static List<SeqRange> merge(List<SeqRange> ranges) {
        List<SeqRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(SeqRange::first));
        List<SeqRange> out = new ArrayList<>();
        for (SeqRange r : sorted) {
            SeqRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.first <= last.last + 1) {
                out.set(out.size() - 1, new SeqRange(last.first, Math.max(last.last, r.last)));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** True when every seq of this range is in one of {@code ranges}. */
    boolean coveredBy(List<SeqRange> ranges) {
        long cursor = first - 1;
        for (SeqRange r : merge(ranges)) {
            if (r.first <= cursor + 1 && r.last > cursor) {
                cursor = r.last;
            }
        }
        return cursor >= last;
    }
}
