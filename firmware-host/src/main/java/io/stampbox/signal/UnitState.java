package io.stampbox.signal;

/** The idle status light, shown between scan signals. Later constants take precedence. */
public enum UnitState {
    READY,
    /** The broker refuses the unit's publishes or subscriptions: scans are recorded but stay in the outbox. */
    UPLINK_REFUSED,
    SCANNER_DISCONNECTED,
    STORAGE_FAULT
}
