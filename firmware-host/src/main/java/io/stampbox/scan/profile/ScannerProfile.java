package io.stampbox.scan.profile;

import io.stampbox.scan.PortSetup;

/**
 * A scanner module's setup ({@code scanner.profile}): the commands sent at every open so that the module
 * reads phone screens the way the unit expects. Pass it to {@code SerialScanner} as its
 * {@link PortSetup}; {@link #state()} belongs in health.
 */
public interface ScannerProfile extends PortSetup {

    /** The {@code scanner.profile} value. */
    String name();

    /** How the last setup went; safe to call from any thread. */
    SetupState state();
}
