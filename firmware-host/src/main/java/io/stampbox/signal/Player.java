package io.stampbox.signal;

import io.stampbox.time.Scheduler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays patterns on the panel: a signal (or identify) once, then the idle pattern in a loop. A new
 * signal cuts short the one playing. A new idle pattern starts with its lit step, so a state change
 * shows at once; after a signal the idle pattern resumes at its first dark step, so that the signal's
 * light does not run into the status light (a green heartbeat would lengthen a green blink).
 * Confined to the scheduler's thread: no locks.
 */
final class Player {

    private static final Logger log = LoggerFactory.getLogger(Player.class);

    private final Panel panel;
    private final Scheduler scheduler;
    private Pattern idle = Patterns.DARK;
    private Pattern foreground;
    private int index;
    private Scheduler.Task pending;
    private boolean failing;
    private boolean closed;

    Player(Panel panel, Scheduler scheduler) {
        this.panel = panel;
        this.scheduler = scheduler;
    }

    /** Starts the pattern now, cutting short whatever plays; the idle pattern follows it. */
    void play(Pattern pattern) {
        foreground = pattern;
        restart();
    }

    /** Sets the idle pattern; shown at once unless a signal is playing. */
    void idle(Pattern pattern) {
        if (pattern.equals(idle)) {
            return;
        }
        idle = pattern;
        if (foreground == null) {
            restart();
        }
    }

    /** Called once, on the scheduler's thread: stops playing and puts every output in its safe state. */
    void close() {
        if (closed) {
            return;
        }
        cancelPending();
        closed = true;
        panel.close();
    }

    private void restart() {
        if (closed) {
            return;
        }
        cancelPending();
        index = 0;
        next();
    }

    private void next() {
        pending = null;
        if (foreground != null && index == foreground.steps().size()) {
            foreground = null;
            index = firstDarkStep(idle);
        }
        Pattern current = foreground != null ? foreground : idle;
        Step step = current.steps().get(index % current.steps().size());
        index = foreground != null ? index + 1 : (index + 1) % current.steps().size();
        apply(step);
        if (foreground != null || !current.isSteady()) {
            pending = scheduler.schedule(this::next, step.millis());
        }
    }

    private static int firstDarkStep(Pattern pattern) {
        List<Step> steps = pattern.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (!steps.get(i).lit()) {
                return i;
            }
        }
        return 0;
    }

    private void apply(Step step) {
        try {
            panel.set(step.colour(), step.toneHz());
            if (failing) {
                log.info("indicator: outputs work again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("indicator: could not set outputs: {}", e.toString());
                failing = true;
            }
        }
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }
}
