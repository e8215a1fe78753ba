package io.stampbox.scan;

import java.time.Instant;

/**
 * One frame read from the scanner, terminator removed, not yet decoded.
 *
 * @param bytes the raw bytes between terminators (never null, may be empty)
 * @param overlong true when the frame exceeded {@code scanner.maxFrameBytes}; its bytes were discarded
 *     and {@code bytes} is empty
 * @param receivedNanos {@link System#nanoTime()} when the terminator arrived, for signal latency
 * @param receivedAt wall-clock time when the terminator arrived, for {@code scannedAt}
 */
public record Frame(byte[] bytes, boolean overlong, long receivedNanos, Instant receivedAt) {}
