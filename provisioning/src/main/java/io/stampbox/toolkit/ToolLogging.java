package io.stampbox.toolkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools' logging, over the unit's logback.xml (the tools run with the unit's jar): stdout carries the
 * tools' output and log lines go to stderr, only warnings and errors (the unit's INFO lines would break a
 * checklist), and none of Pi4J's own ({@code ERROR BoardInfoHelper ...} off a Pi): the check that drives
 * the pins says what failed and what to do. {@code STAMPBOX_LOG_LEVEL} (e.g. {@code DEBUG}) still wins.
 */
public final class ToolLogging {

    private ToolLogging() {}

    static void quiet() {
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return; // another binding: leave it alone
        }
        String level = System.getenv("STAMPBOX_LOG_LEVEL");
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level == null ? Level.WARN : Level.toLevel(level, Level.WARN));
        context.getLogger("com.pi4j").setLevel(Level.OFF);
    }
}
