package io.stampbox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the fast tier honest: a test source (firmware-host's and provisioning's) that starts a broker, a
 * pty or a process carries the matching tier annotation, on the class or on the method that does it.
 */
class TierTagsTest {

    private static final Map<String, Pattern> NEEDS = Map.of(
            "@BrokerTest", Pattern.compile("MosquittoBroker\\.|new CloudSubscriber\\(|new FakeBackend\\(|new FleetCloud\\("
                    + "|new MqttClient\\(|new Socket\\(\"127\\.0\\.0\\.1\", 1883\\)"),
            "@PtyTest", Pattern.compile("PtyPair\\.start\\("),
            "@ProcessTest", Pattern.compile("UnitProcess\\.start\\(|new ProcessBuilder\\(|CrashSupport\\.|Tools\\.run\\("));

    @Test
    void everyTestThatStartsABrokerAPtyOrAProcessIsTagged() throws IOException {
        List<Path> sources = testSources();
        assertTrue(sources.size() > 50, "found only " + sources.size() + " test classes: wrong directory?");
        List<String> untagged = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            NEEDS.forEach((annotation, use) -> {
                if (use.matcher(text).find() && !text.contains(annotation + "\n")) {
                    untagged.add(source.getFileName() + " needs " + annotation);
                }
            });
        }
        untagged.sort(null);
        assertEquals(List.of(), untagged);
    }

    /** Test classes (not helpers) of both modules; surefire runs in firmware-host. */
    private static List<Path> testSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (Path root : List.of(Path.of("src/test/java"), Path.of("../provisioning/src/test/java"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith("Test.java") || f.toString().endsWith("IT.java")
                        || f.toString().endsWith("Benchmark.java")).forEach(sources::add);
            }
        }
        return sources;
    }
}
