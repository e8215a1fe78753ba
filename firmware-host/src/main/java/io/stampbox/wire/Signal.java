package io.stampbox.wire;

/** What staff see and hear after a scan (contract section 4 and its 2026-11-30 revision). */
public enum Signal {
    ACCEPTED("accepted"),
    REPEAT("repeat"),
    COOLDOWN("cooldown"),
    REJECTED("rejected"),
    VOUCHER_ACCEPTED("voucher-accepted"),
    VOUCHER_REFUSED("voucher-refused"),
    VOUCHER_UNVERIFIED("voucher-unverified"),
    FAULT("fault"),
    /** Staff undid the last stamp: a {@code void} event naming it is durably recorded. */
    UNDONE("undone"),
    /** A staff press with no stamp inside {@code staff.undoSeconds} to undo: nothing was recorded. */
    NOTHING_TO_UNDO("nothing-to-undo"),
    /** Staff-confirm mode: a card scan waits for the staff button; nothing is recorded yet. */
    AWAITING_STAFF("awaiting-staff"),
    /** Staff-confirm mode: no press within {@code staff.confirmSeconds}: the scan ends, no event. */
    EXPIRED("expired"),
    /** The backend says the stamp just given completed a card: hand the reward over now. */
    REWARD_DUE("reward-due");

    private final String wireName;

    Signal(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the console and in docs, e.g. {@code voucher-accepted}. */
    public String wireName() {
        return wireName;
    }
}
