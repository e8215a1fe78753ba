package io.stampbox.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The daemon's log level: the configured one (logback.xml, {@code STAMPBOX_LOG_LEVEL}) as the root logger
 * had it when this class was first used, and a temporary change of it. Nothing is kept on disk, so a
 * restart is back at the configured level. Libraries with a level of their own (Paho, Pi4J: WARN) keep it.
 */
public final class Levels {

    /** The levels a request may name, most verbose first. */
    public static final List<String> NAMES = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private static final Level CONFIGURED = root().getEffectiveLevel();

    private Levels() {}

    /** A minimum level for reading lines. */
    public record Floor(int rank) {
        public static final Floor ALL = new Floor(0);

        public boolean admits(String level) {
            return NAMES.indexOf(level) >= rank;
        }
    }

    /**
     * @param name one of {@link #NAMES}, any case
     * @throws IllegalArgumentException naming the allowed levels
     */
    public static Floor floor(String name) {
        return new Floor(rank(name));
    }

    public static String configured() {
        return CONFIGURED.toString();
    }

    public static String current() {
        return root().getEffectiveLevel().toString();
    }

    /** Sets the root level ({@link #NAMES}, any case). */
    public static void set(String name) {
        rank(name);
        root().setLevel(Level.toLevel(name.toUpperCase(java.util.Locale.ROOT)));
    }

    /** Back to the configured level. */
    public static void reset() {
        root().setLevel(CONFIGURED);
    }

    private static int rank(String name) {
        int rank = name == null ? -1 : NAMES.indexOf(name.toUpperCase(java.util.Locale.ROOT));
        if (rank < 0) {
            throw new IllegalArgumentException("level: must be one of " + String.join(", ", NAMES) + ", got "
                    + (name == null ? "nothing" : "\"" + name + "\""));
        }
        return rank;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
