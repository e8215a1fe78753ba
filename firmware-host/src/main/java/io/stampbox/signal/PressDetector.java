package io.stampbox.signal;

import io.stampbox.time.Scheduler;
import java.util.function.Consumer;

/**
 * Turns the raw edges of a push button into presses: a level counts only once it has held for
 * {@code debounceMs} (contact bounce, a few ms of flicker at each touch and release, is ignored), and a
 * settled press-and-release is {@code LONG} when it lasted {@code longPressMs} or more. Pure logic on a
 * {@link Scheduler}: every method runs on the scheduler's thread; tests drive it with a manual one.
 */
final class PressDetector {

    private final long debounceMs;
    private final long longPressMs;
    private final Scheduler scheduler;
    private final Consumer<StaffButton.Press> presses;
    private boolean level;
    private boolean settled;
    private long lastEdgeNanos;
    private long downAtNanos;
    private Scheduler.Task pending;

    PressDetector(long debounceMs, long longPressMs, Scheduler scheduler, Consumer<StaffButton.Press> presses) {
        this.debounceMs = debounceMs;
        this.longPressMs = longPressMs;
        this.scheduler = scheduler;
        this.presses = presses;
    }

    /**
     * The input changed.
     *
     * @param down true when the button is pressed now (the pin is low: pull-up, button to ground)
     * @param atNanos when, on the scheduler's ticker
     */
    void edge(boolean down, long atNanos) {
        level = down;
        lastEdgeNanos = atNanos;
        if (pending != null) {
            pending.cancel();
        }
        pending = scheduler.schedule(this::settle, debounceMs);
    }

    private void settle() {
        pending = null;
        if (level == settled) {
            return; // a bounce that came back to where it was
        }
        settled = level;
        if (settled) {
            downAtNanos = lastEdgeNanos;
            return;
        }
        long heldMs = (lastEdgeNanos - downAtNanos) / 1_000_000;
        presses.accept(heldMs >= longPressMs ? StaffButton.Press.LONG : StaffButton.Press.SHORT);
    }
}
