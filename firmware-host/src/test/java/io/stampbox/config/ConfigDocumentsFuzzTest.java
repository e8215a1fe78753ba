package io.stampbox.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stampbox.testing.SlowTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzing (Jazzer) of the configuration file and of remote desired documents: any text either gives a
 * configuration or a {@link ConfigException} (the precise message the unit reports), never another
 * exception. Regression mode over {@code src/test/resources/io/stampbox/config/ConfigDocumentsFuzzTestInputs/}.
 */
@SlowTest
class ConfigDocumentsFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void aConfigurationFileIsAConfigOrAConfigError(byte[] bytes) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        try {
            ConfigLoader.parse(json);
        } catch (ConfigException expected) {
            // the file's errors, reported
        }
    }

    @FuzzTest(maxDuration = "60s")
    void aRemoteDocumentIsADocumentOrAConfigError(byte[] bytes) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        RemoteDocument.versionOf(json);
        try {
            RemoteDocument.parse(json).validateAlone();
        } catch (ConfigException expected) {
            // reported as rejected
        }
    }
}
