package io.stampbox.provision;

import java.nio.file.Path;

/**
 * What {@code outbox} will do, decided from the arguments alone.
 *
 * @param export where to write pending events as JSON lines ({@code -} for stdout), or null to only inspect
 */
record OutboxPlan(Path config, Path export) {}
