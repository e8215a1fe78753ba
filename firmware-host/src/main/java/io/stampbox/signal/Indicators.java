package io.stampbox.signal;

import io.stampbox.config.UnitConfig.Feedback;
import java.io.PrintStream;

/** Builds the indicator that {@code feedback.platform} names. For the wiring class. */
public final class Indicators {

    private Indicators() {}

    /**
     * @param stdout where the console platform prints its signal lines (System.out)
     * @throws IndicatorException for {@code gpio} when the pins cannot be opened
     */
    public static Indicator forConfig(Feedback feedback, PrintStream stdout) {
        return switch (feedback.platform()) {
            case GPIO -> GpioIndicator.onPi(feedback);
            case CONSOLE -> new ConsoleIndicator(stdout);
            case NONE -> new NoIndicator();
        };
    }
}
