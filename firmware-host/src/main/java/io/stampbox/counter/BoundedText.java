package io.stampbox.counter;

/**
 * A code as the regex engine reads it, with a budget of character reads: a pattern from a (remote)
 * configuration that backtracks catastrophically on a code gives up after {@link #BUDGET} reads instead of
 * stalling the scan pipeline. Java's regex engine reads its input only through {@link #charAt}.
 */
final class BoundedText implements CharSequence {

    /** Far above what any sane pattern needs on a 4 KiB frame (a few reads a character), a few ms of work. */
    static final long BUDGET = 2_000_000;

    /** Thrown from inside the regex engine when the budget is spent. */
    static final class TooSlow extends RuntimeException {
        TooSlow() {
            super("pattern needed more than " + BUDGET + " character reads", null, false, false);
        }
    }

    private final String text;
    private final long[] reads;

    BoundedText(String text) {
        this(text, new long[1]);
    }

    private BoundedText(String text, long[] reads) {
        this.text = text;
        this.reads = reads;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > BUDGET) {
            throw new TooSlow();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    /** Shares the budget: a group's text is read through the same count. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), reads);
    }

    @Override
    public String toString() {
        return text;
    }
}
