package io.stampbox.update;

import io.stampbox.time.Scheduler;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Publishes the latest {@code update/state} until the broker acknowledged it: a publish that fails (offline)
 * is tried again every few seconds with whatever state is the latest then. Used on the "fleet" thread.
 */
final class StatePublisher {

    private final Scheduler fleet;
    private final long retryMillis;
    private Function<byte[], CompletionStage<Void>> to;
    private byte[] latest;
    private Scheduler.Task retry;

    StatePublisher(Scheduler fleet, long retryMillis) {
        this.fleet = fleet;
        this.retryMillis = retryMillis;
    }

    synchronized void to(Function<byte[], CompletionStage<Void>> publish) {
        to = publish;
        if (latest != null) {
            publish(latest);
        }
    }

    synchronized void publish(byte[] json) {
        publishThen(json, null);
    }

    /** Publishes, and runs {@code then} on the scheduler once this very state was acknowledged. */
    synchronized void publishThen(byte[] json, Runnable then) {
        latest = json;
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
        if (to == null) {
            if (then != null) {
                retry = fleet.schedule(() -> publishThen(json, then), retryMillis);
            }
            return;
        }
        CompletionStage<Void> sent;
        try {
            sent = to.apply(json);
        } catch (RuntimeException e) {
            retry = fleet.schedule(() -> again(json, then), retryMillis);
            return;
        }
        sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                if (then != null) {
                    fleet.execute(then);
                }
            } else {
                scheduleAgain(json, then);
            }
        });
    }

    private synchronized void scheduleAgain(byte[] json, Runnable then) {
        if (latest == json) {
            retry = fleet.schedule(() -> again(json, then), retryMillis);
        }
    }

    private synchronized void again(byte[] json, Runnable then) {
        if (latest == json) {
            publishThen(json, then);
        }
    }
}
