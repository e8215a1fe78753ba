package io.stampbox.config;

import java.util.Set;

/**
 * Who may set each configuration key (contract 3.4, firmware-host/docs/fleet.md has the table):
 * <ul>
 * <li>{@link Access#REMOTE}: any desired document (the admin's everyday changes);
 * <li>{@link Access#SIGNED}: only a document signed with the fleet's Ed25519 key ({@code setup.publicKeyFile}):
 *     where data goes;
 * <li>{@link Access#LOCAL}: only the unit's local file: identity, credentials, TLS files, storage, secrets,
 *     and the keys that could silence the unit (scanner type, feedback, outbox size, rotating-code strength).
 * </ul>
 * A key not listed is local: a new key is never remotely settable by accident.
 */
public final class RemoteKeys {

    public enum Access { REMOTE, SIGNED, LOCAL }

    /** Settable by any desired document. Each has a bounded range in {@link UnitConfigSchema}. */
    public static final Set<String> REMOTE = Set.of(
            "device.store",
            "scanner.port", "scanner.baud", "scanner.maxFrameBytes", "scanner.profile",
            "codes.cardPattern", "codes.voucherPattern", "codes.repeatWindowMs", "codes.cooldownSeconds",
            "codes.redeemTimeoutMs",
            "config.rollbackSeconds",
            "health.intervalSeconds",
            // the staff workflow (docs/workflows.md): staff-confirm needs a button, which is local
            "workflow.mode", "workflow.schedule", "workflow.timeZone",
            "staff.undoSeconds", "staff.confirmSeconds", "staff.longPressMs", "staff.debounceMs",
            "feedback.rewardWindowMs",
            // software updates (docs/updates.md): when an update may be installed, how long it has to prove itself
            "update.idleSeconds", "update.window", "update.verifySeconds");

    /** Settable only by a document signed with the fleet key. */
    public static final Set<String> SIGNED = Set.of(
            "mqtt.url", "mqtt.urls", "mqtt.topicRoot", "mqtt.protocol", "uplink.ack",
            // how fast the unit may publish: a broker's limits (docs/uplink.md)
            "mqtt.preset", "mqtt.rate.perSecond", "mqtt.rate.burst");

    private RemoteKeys() {}

    public static Access access(String key) {
        if (REMOTE.contains(key)) {
            return Access.REMOTE;
        }
        return SIGNED.contains(key) ? Access.SIGNED : Access.LOCAL;
    }
}
