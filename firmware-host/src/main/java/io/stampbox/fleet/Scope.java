package io.stampbox.fleet;

/** Which desired document: {@code {root}/_fleet/config/desired} or {@code {root}/{id}/config/desired}. */
enum Scope {
    FLEET, UNIT;

    String label() {
        return this == FLEET ? "fleet" : "unit";
    }
}
