package io.stampbox.provision;

import java.nio.file.Path;

/**
 * What {@code check} will look at, decided from the arguments alone.
 *
 * @param scanSeconds how long to wait for a live test scan; 0 for none
 * @param walk play every signal on the LEDs and buzzer
 */
record CheckPlan(Path config, String serviceUser, int scanSeconds, boolean walk, long minFreeMb, int brokerTimeoutSeconds) {}
