package io.stampbox.provision;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code init} will do, decided from the arguments alone.
 *
 * @param settings dotted configuration keys and their new values, laid over the existing file
 * @param fresh ignore the existing file
 * @param group the group that may read the file (the service's), or null to leave it
 */
record InitPlan(Path config, Map<String, Object> settings, boolean fresh, String group) {

    InitPlan {
        settings = Map.copyOf(settings);
    }
}
