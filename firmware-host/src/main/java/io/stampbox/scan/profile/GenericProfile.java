package io.stampbox.scan.profile;

import io.stampbox.scan.SerialLink;

/** Any scanner set up by hand (setup codes from its manual): nothing is sent. */
final class GenericProfile implements ScannerProfile {

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public SetupState state() {
        return SetupState.NOT_NEEDED;
    }

    @Override
    public void afterOpen(SerialLink link) {
        // nothing to send
    }
}
