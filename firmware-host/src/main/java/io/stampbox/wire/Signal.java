package io.stampbox.wire;

/** What staff see and hear after a scan (contract section 4). */
public enum Signal {
    ACCEPTED("accepted"),
    REPEAT("repeat"),
    COOLDOWN("cooldown"),
    REJECTED("rejected"),
    VOUCHER_ACCEPTED("voucher-accepted"),
    VOUCHER_REFUSED("voucher-refused"),
    VOUCHER_UNVERIFIED("voucher-unverified"),
    FAULT("fault");

    private final String wireName;

    Signal(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the console and in docs, e.g. {@code voucher-accepted}. */
    public String wireName() {
        return wireName;
    }
}
