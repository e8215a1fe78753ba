package io.stampbox.signal;

import io.stampbox.config.UnitConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customers' guide light ({@code feedback.guideLightPin}): on while the unit can take a scan, off while
 * it cannot (scanner gone, storage failing) or is stopped. Calls are cheap and thread-safe.
 */
public interface GuideLight extends AutoCloseable {

    /** No guide light wired. */
    GuideLight NONE = new GuideLight() {
        @Override
        public void set(boolean on) {
            // nothing wired
        }

        @Override
        public void close() {
            // nothing to release
        }
    };

    void set(boolean on);

    /** Turns the light off (its safe state) and releases it. */
    @Override
    void close();

    /**
     * A Pi4J output on {@code gpio} with the pin set; on {@code console} (pin set) a light that logs its
     * changes; otherwise {@link #NONE}.
     *
     * @throws IndicatorException when the pin cannot be opened
     */
    static GuideLight forConfig(UnitConfig.Feedback feedback, UnitConfig.Workflow workflow) {
        if (workflow.guideLightPin() == UnitConfig.NO_PIN || feedback.platform() == UnitConfig.Platform.NONE) {
            return NONE;
        }
        if (feedback.platform() == UnitConfig.Platform.CONSOLE) {
            return new Logged();
        }
        return GpioGuideLight.onPi(workflow.guideLightPin());
    }

    /** The console platform's guide light: a log line per change (never a SIGNAL line). */
    final class Logged implements GuideLight {
        private static final Logger log = LoggerFactory.getLogger(GuideLight.class);
        private Boolean shown;

        @Override
        public synchronized void set(boolean on) {
            if (shown == null || shown != on) {
                shown = on;
                log.info("guide light: {}", on ? "on" : "off");
            }
        }

        @Override
        public void close() {
            set(false);
        }
    }
}
