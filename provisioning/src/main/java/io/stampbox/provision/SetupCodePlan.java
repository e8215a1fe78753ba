package io.stampbox.provision;

import io.stampbox.setup.SetupCodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** What {@code setup-code} will make, decided from the arguments alone. */
record SetupCodePlan(Path key, Map<String, String> settings, SetupCodes.Binding binding, Duration validFor, Path png) {

    SetupCodePlan {
        settings = Map.copyOf(settings);
    }
}
