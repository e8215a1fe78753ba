package io.stampbox.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens a segment on a worker thread with a deadline: a damaged MapDB file can loop forever on open,
 * and the unit must start anyway. A worker that hangs is left behind (a daemon thread); its store is
 * then moved aside by the caller.
 */
final class OpenGuard {

    private OpenGuard() {}

    static Segment open(Path dir, SegmentName name, MapDbOutbox.Settings settings) throws Exception {
        return withTimeout(() -> {
            Segment s = Segment.open(dir, name, settings.checkpointBytes());
            try {
                s.verify();
                return s;
            } catch (RuntimeException | Error e) {
                s.abandon();
                throw e;
            }
        }, settings.openTimeout(), "outbox-open-" + name.firstSeq(), "outbox store "
                + dir.resolve(name.fileName()));
    }

    /** Runs {@code task} on a new daemon thread; gives up after {@code timeout}. */
    static <T> T withTimeout(Callable<T> task, Duration timeout, String threadName, String what)
            throws Exception {
        FutureTask<T> future = new FutureTask<>(task);
        Thread worker = new Thread(future, threadName);
        worker.setDaemon(true);
        worker.start();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TimeoutException(what + ": open did not finish within " + timeout.toMillis()
                    + " ms");
        }
    }
}
