package io.stampbox.signal;

/** The idle status light, shown between scan signals. Later constants take precedence. */
public enum UnitState {
    READY,
    SCANNER_DISCONNECTED,
    STORAGE_FAULT
}
