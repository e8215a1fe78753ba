package io.stampbox.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the unit keeps on disk about remote configuration.
 *
 * @param applied the layers in effect
 * @param connected the last layers with which the uplink reached the broker: the rollback target
 * @param fleetRejected the highest fleet document version rolled back after it was applied (never applied
 *     again); a document refused by validation does not move it (issue 11: versions move the floor only
 *     when applied)
 * @param unitRejected the same for the unit's own document
 * @param reported the last {@code config/reported} document, published again on every connect
 */
record FleetState(Layers applied, Layers connected, long fleetRejected, long unitRejected, ObjectNode reported) {

    static final FleetState EMPTY = new FleetState(Layers.NONE, Layers.NONE, 0, 0, null);

    /** Versions at or below this are ignored for the scope: applied already, or rejected. */
    long floor(Scope scope) {
        return Math.max(applied.get(scope).version(), scope == Scope.FLEET ? fleetRejected : unitRejected);
    }

    FleetState rejecting(Scope scope, long version) {
        return scope == Scope.FLEET
                ? new FleetState(applied, connected, Math.max(fleetRejected, version), unitRejected, reported)
                : new FleetState(applied, connected, fleetRejected, Math.max(unitRejected, version), reported);
    }

    /** An admin's signed reset: the scope's rolled-back floor is forgotten. */
    FleetState resetting(Scope scope) {
        return scope == Scope.FLEET
                ? new FleetState(applied, connected, 0, unitRejected, reported)
                : new FleetState(applied, connected, fleetRejected, 0, reported);
    }

    FleetState withApplied(Layers layers) {
        return new FleetState(layers, connected, fleetRejected, unitRejected, reported);
    }

    FleetState withConnected(Layers layers) {
        return new FleetState(applied, layers, fleetRejected, unitRejected, reported);
    }

    FleetState withReported(ObjectNode report) {
        return new FleetState(applied, connected, fleetRejected, unitRejected, report);
    }
}
