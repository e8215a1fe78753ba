package io.stampbox.signal;

import static io.stampbox.signal.Colour.ALL;
import static io.stampbox.signal.Colour.AMBER;
import static io.stampbox.signal.Colour.GREEN;
import static io.stampbox.signal.Colour.OFF;
import static io.stampbox.signal.Colour.RED;
import static io.stampbox.signal.Step.light;
import static io.stampbox.signal.Step.of;

import io.stampbox.wire.Signal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The signal table (documented in docs/signals.md). Each signal differs from every other in the
 * rhythm of its light or of its sound, not only in colour or pitch, so that colour-blind staff and
 * units with an active (single-pitch) buzzer can still tell them apart. Signal patterns last at most
 * 1.2 s so that a queue keeps moving.
 */
final class Patterns {

    static final int HIGH = 2700;
    static final int MID = 1500;
    static final int LOW = 800;
    static final int BUZZ = 400;

    /** All off: shown until the unit first reports its state. */
    static final Pattern DARK = Pattern.of("dark", light(1000, OFF));

    /** Everything blinks and beeps twice a second for 10 s, so that an installer finds the unit. */
    static final Pattern IDENTIFY = repeat("identify", 20, of(250, ALL, HIGH), light(250, OFF));

    private static final Map<Signal, Pattern> SIGNALS = signals();
    private static final Map<UnitState, Pattern> IDLE = idle();

    private Patterns() {}

    static Pattern forSignal(Signal signal) {
        return SIGNALS.get(signal);
    }

    static Pattern idle(UnitState state) {
        return IDLE.get(state);
    }

    private static Map<Signal, Pattern> signals() {
        Map<Signal, Pattern> map = new EnumMap<>(Signal.class);
        // one short high beep, solid green
        map.put(Signal.ACCEPTED, Pattern.of("accepted", of(80, GREEN, HIGH), light(520, GREEN)));
        // a tiny tick, green double blink: "already got it"
        map.put(Signal.REPEAT, Pattern.of("repeat",
                of(20, GREEN, HIGH), light(100, GREEN), light(120, OFF), light(120, GREEN)));
        // two low beeps, solid amber: "not yet"
        map.put(Signal.COOLDOWN, Pattern.of("cooldown",
                of(150, AMBER, LOW), light(100, AMBER), of(150, AMBER, LOW), light(500, AMBER)));
        // one long low buzz, solid red
        map.put(Signal.REJECTED, Pattern.of("rejected", of(800, RED, BUZZ), light(200, RED)));
        // rising two-tone (short-long), green and amber taking turns
        map.put(Signal.VOUCHER_ACCEPTED, Pattern.of("voucher-accepted",
                of(100, GREEN, MID), light(50, GREEN), of(250, AMBER, HIGH),
                light(150, GREEN), light(150, AMBER), light(300, GREEN)));
        // three beeps, three red blinks
        map.put(Signal.VOUCHER_REFUSED, repeat("voucher-refused", 3, of(150, RED, MID), light(100, OFF)));
        // one long mid beep, two slow amber blinks: "check by hand"
        map.put(Signal.VOUCHER_UNVERIFIED, Pattern.of("voucher-unverified",
                of(400, AMBER, MID), light(200, OFF), light(400, AMBER)));
        // two-pitch alarm without a pause, fast red blink
        map.put(Signal.FAULT, then(repeat("fault", 5, of(100, RED, HIGH), of(100, OFF, MID)),
                of(100, RED, HIGH), light(100, OFF)));
        workflow(map);
        return map;
    }

    /** The staff workflow's signals (undo, staff-confirm, reward due): see docs/signals.md. */
    private static void workflow(Map<Signal, Pattern> map) {
        // falling two-tone "daa-dum" high then low, solid amber: "taken back"
        map.put(Signal.UNDONE, Pattern.of("undone", of(250, AMBER, HIGH), of(250, AMBER, LOW), light(300, AMBER)));
        // one very short low tick, a short amber flash: "nothing there"
        map.put(Signal.NOTHING_TO_UNDO, Pattern.of("nothing-to-undo", of(40, AMBER, LOW), light(160, AMBER)));
        // two short mid pips, then amber held: "waiting for you, staff"
        map.put(Signal.AWAITING_STAFF, Pattern.of("awaiting-staff", of(60, AMBER, MID), light(140, OFF),
                of(60, AMBER, MID), light(140, OFF), light(600, AMBER)));
        // low beep amber, pause, buzz red: "gone, not recorded"
        map.put(Signal.EXPIRED, Pattern.of("expired", of(200, AMBER, LOW), light(200, OFF), of(200, RED, BUZZ),
                light(400, RED)));
        // a fast high-mid fanfare with white and green flashes, ending green: "give the reward"
        map.put(Signal.REWARD_DUE, then(repeat("reward-due", 3, of(100, ALL, HIGH), light(60, OFF),
                of(100, GREEN, MID), light(60, OFF)), light(200, GREEN)));
    }

    private static Map<UnitState, Pattern> idle() {
        Map<UnitState, Pattern> map = new EnumMap<>(UnitState.class);
        map.put(UnitState.READY, Pattern.of("ready", light(150, GREEN), light(2850, OFF)));
        // ready's green flash, then an amber one: "scans count, but they are not getting out"
        map.put(UnitState.UPLINK_REFUSED, Pattern.of("uplink-refused", light(150, GREEN), light(150, OFF),
                light(150, AMBER), light(2550, OFF)));
        map.put(UnitState.SCANNER_DISCONNECTED,
                Pattern.of("scanner-disconnected", light(1000, AMBER), light(1000, OFF)));
        map.put(UnitState.STORAGE_FAULT, Pattern.of("storage-fault", light(500, RED), light(500, OFF)));
        return map;
    }

    private static Pattern then(Pattern first, Step... more) {
        List<Step> all = new ArrayList<>(first.steps());
        all.addAll(List.of(more));
        return new Pattern(first.name(), all);
    }

    private static Pattern repeat(String name, int times, Step... steps) {
        List<Step> all = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            all.addAll(List.of(steps));
        }
        return new Pattern(name, all);
    }
}
