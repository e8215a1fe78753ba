package io.stampbox.uplink;

import io.stampbox.wire.Status;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import io.stampbox.wire.UpdateState;

/**
 * What the status messages (contract section 3.2) say about the unit.
 *
 * @param version the software version, e.g. {@code 0.1.0}
 * @param bootedAt when the daemon started
 * @param configVersion the applied configuration version, read at every connect
 * @param storeId the unit's {@code device.store} when the uplink was built; null to leave it out
 * @param signals what drives the signals ({@code Indicator.signals()}), read at every status; null inside to
 *     leave it out
 * @param lastUpdate the last software update's outcome, read at every status; null inside when never updated
 */
public record StatusInfo(String version, Instant bootedAt, LongSupplier configVersion, String storeId,
        Supplier<String> signals, Supplier<UpdateState.Last> lastUpdate) {

    public StatusInfo(String version, Instant bootedAt, LongSupplier configVersion) {
        this(version, bootedAt, configVersion, null);
    }

    public StatusInfo(String version, Instant bootedAt, LongSupplier configVersion, String storeId) {
        this(version, bootedAt, configVersion, storeId, () -> null, () -> null);
    }

    /** What the unit says on connect. */
    public Status online() {
        return Status.online(version, bootedAt, configVersion.getAsLong(), storeId, signals.get())
                .withLastUpdate(lastUpdate.get());
    }

    /** @param reason {@link Status#STOPPED} or {@link Status#CONNECTION_LOST} */
    public Status offline(String reason) {
        return Status.offline(version, bootedAt, configVersion.getAsLong(), storeId, signals.get(), reason)
                .withLastUpdate(lastUpdate.get());
    }
}
