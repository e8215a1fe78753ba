package io.stampbox.logs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The unit's recent log lines, bounded by count and by size: the oldest line goes when either bound is
 * passed. Lines are numbered 1, 2, 3... from the start of the process, so a reader can continue after the
 * last line it saw and tell how many it missed.
 *
 * <p>Threads: {@link #add} is called by every thread that logs (through {@link RingAppender}); readers
 * (the "fleet" thread) take copies. One monitor, a leaf: nothing else is called while holding it.
 */
public final class LogRing {

    /** One log line: its number, time, level, thread, short logger name and the message (codes masked). */
    public record Line(long n, Instant at, String level, String thread, String logger, String message) {

        /** A fair estimate of the line's size in a JSON answer. */
        int bytes() {
            return message.length() + thread.length() + logger.length() + 96;
        }
    }

    /** Lines read, and whether more matched than the bounds let through ({@code next}: continue after it). */
    public record Page(List<Line> lines, boolean more, long next, long dropped) {}

    public static final int DEFAULT_MAX_LINES = 2_000;
    public static final int DEFAULT_MAX_BYTES = 512 * 1024;
    /** A longer message is cut, and says so: one line must not take the whole ring. */
    public static final int MAX_MESSAGE_CHARS = 2_000;

    private static final LogRing SHARED = new LogRing(DEFAULT_MAX_LINES, DEFAULT_MAX_BYTES);

    private final int maxLines;
    private final int maxBytes;
    private final ArrayDeque<Line> lines = new ArrayDeque<>();
    private long bytes;
    private long last;

    public LogRing(int maxLines, int maxBytes) {
        if (maxLines < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("log ring: bounds must be >= 1, got " + maxLines + " lines, "
                    + maxBytes + " bytes");
        }
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** The ring the daemon's logging fills (logback.xml's {@code RING} appender). */
    public static LogRing shared() {
        return SHARED;
    }

    public void add(Instant at, String level, String thread, String logger, String message) {
        String text = message.length() <= MAX_MESSAGE_CHARS ? message
                : message.substring(0, MAX_MESSAGE_CHARS) + "...(" + (message.length() - MAX_MESSAGE_CHARS) + " more)";
        synchronized (this) {
            Line line = new Line(++last, at, level, thread, logger, text);
            lines.addLast(line);
            bytes += line.bytes();
            while (lines.size() > maxLines || (bytes > maxBytes && lines.size() > 1)) {
                bytes -= lines.removeFirst().bytes();
            }
        }
    }

    /**
     * Lines numbered above {@code after}, at or after {@code since} (null: any time), at or above
     * {@code minLevel}, oldest first, at most {@code maxLines} of them and about {@code maxBytes}.
     * {@code dropped} counts the lines after {@code after} that the ring no longer holds.
     */
    public synchronized Page read(long after, Instant since, Levels.Floor minLevel, int maxLines, int maxBytes) {
        List<Line> out = new ArrayList<>();
        long first = lines.isEmpty() ? last + 1 : lines.peekFirst().n();
        long dropped = Math.max(0, first - after - 1);
        long next = Math.max(after, first - 1);
        int size = 0;
        Iterator<Line> it = lines.iterator();
        while (it.hasNext()) {
            Line line = it.next();
            if (line.n() <= after) {
                continue;
            }
            boolean wanted = (since == null || !line.at().isBefore(since)) && minLevel.admits(line.level());
            if (wanted && (out.size() >= maxLines || (size + line.bytes() > maxBytes && !out.isEmpty()))) {
                return new Page(out, true, next, dropped);
            }
            if (wanted) {
                out.add(line);
                size += line.bytes();
            }
            next = line.n();
        }
        return new Page(out, false, next, dropped);
    }

    /**
     * Where to read from to get the newest {@code count} lines at or above {@code minLevel}: the number
     * just before the first of them (0 when the ring holds fewer).
     */
    public synchronized long tailStart(Levels.Floor minLevel, int count) {
        int found = 0;
        Iterator<Line> it = lines.descendingIterator();
        while (it.hasNext()) {
            Line line = it.next();
            if (minLevel.admits(line.level()) && ++found == count) {
                return line.n() - 1;
            }
        }
        return 0;
    }

    /** The number of the newest line (0 before any). */
    public synchronized long last() {
        return last;
    }
}
