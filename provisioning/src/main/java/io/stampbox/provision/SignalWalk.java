package io.stampbox.provision;

import io.stampbox.wire.Signal;
import io.stampbox.config.UnitConfig;
import io.stampbox.signal.Indication;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.IndicatorException;
import io.stampbox.signal.Indicators;
import java.io.PrintStream;
import java.io.PrintWriter;

/** Plays every signal on the unit's own indicator, one after another, naming each for the installer. */
final class SignalWalk {

    private static final String TITLE = "signals";

    private final UnitConfig.Feedback feedback;
    private final long pauseMs;

    SignalWalk(UnitConfig.Feedback feedback, long pauseMs) {
        this.feedback = feedback;
        this.pauseMs = pauseMs;
    }

    CheckResult run(PrintWriter out, PrintStream console) {
        Indicator indicator;
        try {
            indicator = Indicators.openNow(feedback, console); // no retry: unusable pins are the answer here
        } catch (IndicatorException e) {
            return CheckResult.fail(TITLE, "cannot drive the LEDs and buzzer (" + e.getMessage() + ")",
                    PiModel.isPi(PiModel.MODEL) ? "stop the service (it holds the pins): systemctl stop stampbox; the"
                            + " user needs group gpio" : PiModel.notAPi(PiModel.MODEL) + ": " + PiModel.OFF_A_PI);
        }
        try (indicator) {
            for (Signal signal : Signal.values()) {
                out.println("  now: " + signal.wireName());
                out.flush();
                indicator.show(Indication.of(signal));
                pause();
            }
        }
        return CheckResult.pass(TITLE, "played " + Signal.values().length + " signals on "
                + feedback.platform().name().toLowerCase() + ": each must look and sound as in /usr/share/doc/stampbox/signals.md");
    }

    private void pause() {
        try {
            Thread.sleep(pauseMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
