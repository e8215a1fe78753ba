package io.stampbox.scan;

import java.time.Clock;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Cuts a byte stream into {@link Frame}s. A frame ends at CR, LF or CRLF (one terminator, also when the
 * CR and the LF arrive in different reads); an empty line makes no frame. A frame longer than
 * {@code maxFrameBytes} is discarded whole, up to its terminator, and reported once as an overlong frame
 * with no bytes. Any other byte, NUL included, is frame content: judging it is {@link FrameDecoder}'s job.
 *
 * <p>With an idle timeout (the serial scanner's {@link #SERIAL_IDLE_NANOS}), a partial frame whose last
 * byte is older than the timeout when the next byte arrives is discarded and counted
 * ({@link #discardedPartials()}): line noise without a terminator never glues onto the next scan. A
 * scanner sends a frame's bytes in one burst; a human typing on stdin does not, so stdin has none.
 *
 * <p>Not thread-safe: one reader thread owns an instance.
 */
final class LineFramer {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final int maxFrameBytes;
    private final Clock clock;
    /** A partial serial frame idle this long is noise: 500 ms, far above a burst at 1200 baud per byte. */
    static final long SERIAL_IDLE_NANOS = 500_000_000L;

    private final LongSupplier nanoTime;
    private final long idleNanos;
    private long lastByteNanos;
    private long discardedPartials;
    private byte[] buffer = new byte[64];
    private int length;
    private boolean overlong;
    private boolean afterCr;

    LineFramer(int maxFrameBytes, Clock clock) {
        this(maxFrameBytes, clock, System::nanoTime);
    }

    LineFramer(int maxFrameBytes, Clock clock, LongSupplier nanoTime) {
        this(maxFrameBytes, clock, nanoTime, 0);
    }

    /** @param idleNanos a partial frame idle this long is discarded at the next byte; 0: never */
    LineFramer(int maxFrameBytes, Clock clock, LongSupplier nanoTime, long idleNanos) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes: must be >= 1, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.idleNanos = idleNanos;
    }

    /** How many partial frames the idle timeout discarded. */
    long discardedPartials() {
        return discardedPartials;
    }

    /** Feeds {@code count} bytes from {@code bytes[offset]}; every completed frame goes to {@code out}. */
    void accept(byte[] bytes, int offset, int count, Consumer<Frame> out) {
        if (idleNanos > 0 && count > 0) {
            long now = nanoTime.getAsLong();
            if ((length > 0 || overlong) && now - lastByteNanos >= idleNanos) {
                discardedPartials++;
                reset();
            }
            lastByteNanos = now;
        }
        for (int i = offset; i < offset + count; i++) {
            accept(bytes[i], out);
        }
    }

    /** Forgets a partial frame, e.g. when the device went away mid-frame. */
    void reset() {
        length = 0;
        overlong = false;
        afterCr = false;
    }

    /** End of input: a pending unterminated line counts as a frame (used for stdin only). */
    void finish(Consumer<Frame> out) {
        endFrame(out);
        reset();
    }

    private void accept(byte b, Consumer<Frame> out) {
        boolean secondHalfOfCrLf = afterCr && b == LF;
        afterCr = b == CR;
        if (secondHalfOfCrLf) {
            return;
        }
        if (b == CR || b == LF) {
            endFrame(out);
        } else {
            append(b);
        }
    }

    private void append(byte b) {
        if (overlong) {
            return;
        }
        if (length == maxFrameBytes) {
            overlong = true;
            length = 0;
            return;
        }
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxFrameBytes, buffer.length * 2));
        }
        buffer[length++] = b;
    }

    private void endFrame(Consumer<Frame> out) {
        if (!overlong && length == 0) {
            return;
        }
        byte[] bytes = overlong ? new byte[0] : Arrays.copyOf(buffer, length);
        Frame frame = new Frame(bytes, overlong, nanoTime.getAsLong(), clock.instant());
        length = 0;
        overlong = false;
        out.accept(frame);
    }
}
