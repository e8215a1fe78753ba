package io.stampbox.signal;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console platform (contract section 5): one line {@code SIGNAL <name> [event=<id>] [seq=<n>]}
 * per signal, flushed at once. Status light changes go to the log, never to the signal stream.
 * Thread-safe; lines never interleave.
 */
public final class ConsoleIndicator implements Indicator {

    private static final Logger log = LoggerFactory.getLogger(ConsoleIndicator.class);

    private final PrintStream out;
    private final AtomicReference<UnitState> shownState = new AtomicReference<>();

    /** @param out System.out in production */
    public ConsoleIndicator(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The line for one indication, without its line end. */
    static String line(Indication indication) {
        String line = "SIGNAL " + indication.signal().wireName();
        if (indication.eventId() != null) {
            line += " event=" + indication.eventId() + " seq=" + indication.seq();
        }
        return line;
    }

    @Override
    public String signals() {
        return "console";
    }

    @Override
    public void show(Indication indication) {
        String line = line(indication) + "\n";
        synchronized (out) {
            out.print(line);
            out.flush();
        }
    }

    @Override
    public void state(UnitState state) {
        if (shownState.getAndSet(state) != state) {
            log.info("status light: {}", state);
        }
    }

    @Override
    public void identify() {
        log.info("identify: the console platform has no LEDs or buzzer to show it");
    }

    @Override
    public void close() {
        out.flush();
    }
}
