package io.stampbox.uplink;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * What the status messages (contract section 3.2) say about the unit.
 *
 * @param version the software version, e.g. {@code 0.1.0}
 * @param bootedAt when the daemon started
 * @param configVersion the applied configuration version, read at every connect
 */
public record StatusInfo(String version, Instant bootedAt, LongSupplier configVersion) {}
