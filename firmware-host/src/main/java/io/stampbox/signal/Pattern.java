package io.stampbox.signal;

import java.util.List;

/**
 * A light-and-sound pattern as data: a list of steps. Signal patterns play once; idle patterns loop.
 *
 * @param name for logs and test messages
 */
record Pattern(String name, List<Step> steps) {

    Pattern {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("pattern " + name + " has no steps");
        }
    }

    static Pattern of(String name, Step... steps) {
        return new Pattern(name, List.of(steps));
    }

    long durationMillis() {
        return steps.stream().mapToLong(Step::millis).sum();
    }

    /** A pattern of one step never changes, so a looping player need not wake up for it. */
    boolean isSteady() {
        return steps.size() == 1;
    }
}
