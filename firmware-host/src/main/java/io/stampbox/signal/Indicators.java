package io.stampbox.signal;

import io.stampbox.config.UnitConfig.Feedback;
import io.stampbox.config.UnitConfig.Platform;
import io.stampbox.time.Scheduler;
import io.stampbox.time.ThreadScheduler;
import java.io.PrintStream;
import java.util.function.Supplier;

/** Builds the indicator that {@code feedback.platform} names. For the wiring class. */
public final class Indicators {

    private Indicators() {}

    /**
     * For {@code gpio}, pins that cannot be opened give a {@link GpioRetry}: no signals now, retried on
     * its own {@code gpio-retry} thread until they open.
     *
     * @param stdout where the console platform prints its signal lines (System.out)
     */
    public static Indicator forConfig(Feedback feedback, PrintStream stdout) {
        return switch (feedback.platform()) {
            case GPIO -> gpio(() -> GpioIndicator.onPi(feedback), new ThreadScheduler(GPIO_RETRY_THREAD));
            case CONSOLE -> new ConsoleIndicator(stdout);
            case NONE -> new NoIndicator();
        };
    }

    /**
     * As {@link #forConfig}, without the retry: for a one-off use ({@code stampbox-provision check}'s walk
     * through the signals), where unusable pins are the answer.
     *
     * @throws IndicatorException for {@code gpio} when the pins cannot be opened, with the cause
     */
    public static Indicator openNow(Feedback feedback, PrintStream stdout) {
        return feedback.platform() == Platform.GPIO ? GpioIndicator.onPi(feedback) : forConfig(feedback, stdout);
    }

    /** The thread that retries GPIO, started only when the pins could not be opened. */
    static final String GPIO_RETRY_THREAD = "gpio-retry";

    /** The opened indicator when {@code opener} succeeds (the retry thread stopped), else a {@link GpioRetry}. */
    static Indicator gpio(Supplier<Indicator> opener, Scheduler retries) {
        try {
            Indicator opened = opener.get();
            retries.shutdown();
            return opened;
        } catch (IndicatorException e) {
            return new GpioRetry(opener, retries, e);
        }
    }
}
