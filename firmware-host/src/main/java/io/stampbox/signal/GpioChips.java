package io.stampbox.signal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Why GPIO is unusable, told from the chips themselves: Pi4J reports a chip it may not open as "no gpio
 * chip" or "provider could not be found", hiding a permission problem that an installer can fix.
 */
final class GpioChips {

    private GpioChips() {}

    /** The first problem opening {@code dev/gpiochip*} for reading and writing, or empty when all open. */
    static Optional<String> problem(Path dev) {
        List<Path> chips;
        try (Stream<Path> entries = Files.list(dev)) {
            chips = entries.filter(p -> p.getFileName().toString().matches("gpiochip[0-9]+")).sorted().toList();
        } catch (IOException e) {
            return Optional.of("cannot list " + dev + ": " + e.getMessage());
        }
        if (chips.isEmpty()) {
            return Optional.of("there is no " + dev.resolve("gpiochip*"));
        }
        return chips.stream().map(GpioChips::openProblem).flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> openProblem(Path chip) {
        try (FileChannel channel = FileChannel.open(chip, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            return Optional.of("permission denied on " + chip + describe(chip)
                    + " (the service user needs group gpio: see the package's 60-stampbox-gpio.rules)");
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot open " + chip + ": " + e.getMessage());
        }
    }

    private static String describe(Path chip) {
        try {
            PosixFileAttributes a = Files.readAttributes(chip, PosixFileAttributes.class);
            return ", " + a.owner().getName() + ":" + a.group().getName() + " " + PosixFilePermissions.toString(a.permissions());
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
