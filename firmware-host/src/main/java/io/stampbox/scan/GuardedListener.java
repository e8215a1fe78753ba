package io.stampbox.scan;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the pipeline's listener for a scanner thread: a throwing listener is logged and the reader goes
 * on; {@code onConnected} is passed on only when the state changes; after {@link #stop()} returns no
 * call starts (a call in progress finishes first).
 */
final class GuardedListener implements ScannerListener {

    private static final Logger log = LoggerFactory.getLogger(GuardedListener.class);

    private final ScannerListener delegate;
    private final String source;
    private final Object gate = new Object();
    private boolean stopped;
    private Boolean reported;
    private volatile boolean connected;

    GuardedListener(ScannerListener delegate, String source) {
        this.delegate = delegate;
        this.source = source;
    }

    boolean connected() {
        return connected;
    }

    @Override
    public void onFrame(Frame frame) {
        synchronized (gate) {
            if (stopped) {
                return;
            }
            try {
                delegate.onFrame(frame);
            } catch (RuntimeException e) {
                log.error("scanner {}: listener failed on a frame of {} bytes", source, frame.bytes().length, e);
            }
        }
    }

    @Override
    public void onConnected(boolean nowConnected) {
        synchronized (gate) {
            if (stopped) {
                return;
            }
            connected = nowConnected;
            if (Boolean.valueOf(nowConnected).equals(reported)) {
                return;
            }
            reported = nowConnected;
            try {
                delegate.onConnected(nowConnected);
            } catch (RuntimeException e) {
                log.error("scanner {}: listener failed on connected={}", source, nowConnected, e);
            }
        }
    }

    void stop() {
        synchronized (gate) {
            stopped = true;
            connected = false;
        }
    }
}
