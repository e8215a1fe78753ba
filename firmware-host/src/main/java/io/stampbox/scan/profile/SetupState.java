package io.stampbox.scan.profile;

/** How a profile's setup of the module went, for health ({@code scannerSetup}). */
public enum SetupState {
    /** The profile sends nothing (generic). */
    NOT_NEEDED,
    /** The port has not been opened yet. */
    PENDING,
    /** Every command was acknowledged at the last open. */
    CONFIGURED,
    /** The module did not acknowledge at the last open: it runs on its own settings. */
    NO_ANSWER
}
