package io.stampbox.outbox;

import java.nio.file.Path;
import java.time.Duration;
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
        Duration timeout = settings.openTimeout();
        FutureTask<Segment> task = new FutureTask<>(() -> {
            Segment s = Segment.open(dir, name, settings.checkpointBytes());
            try {
                s.verify();
                return s;
            } catch (RuntimeException | Error e) {
                s.abandon();
                throw e;
            }
        });
        Thread worker = new Thread(task, "outbox-open-" + name.firstSeq());
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new TimeoutException("outbox store " + dir.resolve(name.fileName())
                    + ": open did not finish within " + timeout.toMillis() + " ms");
        }
    }
}
