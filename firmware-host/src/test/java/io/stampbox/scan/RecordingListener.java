package io.stampbox.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what a scanner reports; tests await frames and connection changes with a deadline. */
final class RecordingListener implements ScannerListener {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
    final List<Boolean> connections = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onFrame(Frame frame) {
        threads.add(Thread.currentThread().getName());
        frames.add(frame);
    }

    @Override
    public void onConnected(boolean connected) {
        threads.add(Thread.currentThread().getName());
        connections.add(connected);
        changes.add(connected);
    }

    Frame awaitFrame() throws InterruptedException {
        Frame frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(frame, "no frame within " + TIMEOUT);
        return frame;
    }

    /** The next frame as text ({@code <overlong>} for an overlong one). */
    String awaitText() throws InterruptedException {
        Frame frame = awaitFrame();
        return frame.overlong() ? "<overlong>" : new String(frame.bytes(), StandardCharsets.UTF_8);
    }

    Frame pollFrame() {
        return frames.poll();
    }

    /** The next frame within {@code timeout}, or null. */
    Frame pollFrame(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void awaitConnected(boolean expected) throws InterruptedException {
        Boolean change = changes.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(expected, change, "connection change within " + TIMEOUT);
    }
}
