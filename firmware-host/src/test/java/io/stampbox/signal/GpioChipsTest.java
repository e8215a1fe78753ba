package io.stampbox.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cause named when GPIO is unusable, on a stand-in /dev. Permission denied needs a non-root user
 * (root opens anything): the target rig checks it with a root-only chip and the service user.
 */
class GpioChipsTest {

    @TempDir
    Path dev;

    @Test
    void noChipIsNamed() {
        assertEquals(Optional.of("there is no " + dev.resolve("gpiochip*")), GpioChips.problem(dev));
    }

    @Test
    void chipsThatOpenAreNoProblem() throws IOException {
        Files.createFile(dev.resolve("gpiochip0"));
        Files.createFile(dev.resolve("gpiomem"));
        assertEquals(Optional.empty(), GpioChips.problem(dev));
    }

    @Test
    void aChipThatCannotOpenIsNamed() throws IOException {
        Files.createDirectory(dev.resolve("gpiochip3"));
        Optional<String> problem = GpioChips.problem(dev);
        assertTrue(problem.isPresent() && problem.get().startsWith("cannot open " + dev.resolve("gpiochip3")), problem.toString());
    }
}
