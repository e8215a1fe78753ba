package io.stampbox.counter;

import java.util.Objects;

/**
 * Where a scanned setup code ({@code SBX1.…}) goes instead of the card path: never an event, never in
 * the outbox. Called on the scan pipeline's thread; must be quick and never throw.
 */
public interface SetupDesk {

    /** A unit without a setup key: every setup code is rejected. */
    SetupDesk OFF = text -> Verdict.rejected("setup by scan is not enabled on this unit");

    Verdict scanned(String text);

    /**
     * @param detail why it was rejected, or what was set (for the log; never secret)
     * @param afterSignal run once the signal is shown (e.g. the restart that takes the new settings)
     */
    record Verdict(boolean accepted, String detail, Runnable afterSignal) {

        public Verdict {
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(afterSignal, "afterSignal");
        }

        public static Verdict rejected(String why) {
            return new Verdict(false, why, () -> {});
        }

        public static Verdict accepted(String what, Runnable afterSignal) {
            return new Verdict(true, what, afterSignal);
        }
    }
}
