package io.stampbox.signal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which sysfs PWM chip and channel drive a BCM pin. Pi4J's linuxfs provider addresses PWM by channel,
 * not by pin, and the numbering differs between the BCM PWM (Pi 1-4) and the RP1 (Pi 5).
 */
final class PwmChannels {

    static final Set<Integer> PWM_PINS = Set.of(12, 13, 18, 19);

    private static final Map<Integer, Integer> LEGACY = Map.of(12, 0, 18, 0, 13, 1, 19, 1);
    private static final Map<Integer, Integer> RP1 = Map.of(12, 0, 13, 1, 18, 2, 19, 3);

    private PwmChannels() {}

    static int channel(int bcmPin, boolean rp1) {
        Integer channel = (rp1 ? RP1 : LEGACY).get(bcmPin);
        if (channel == null) {
            throw new IndicatorException("feedback.buzzer.pin: a passive buzzer needs a hardware PWM pin "
                    + "(12, 13, 18 or 19), got " + bcmPin);
        }
        return channel;
    }

    /** The RP1's PWM0 block, as the target of {@code /sys/class/pwm/pwmchipN/device}. */
    static final String RP1_PWM0 = "1f00098000.pwm";

    /**
     * The sysfs chip of the user PWM. On a Pi 5 the kernel numbers chips as it likes (2 on 6.6, 0
     * on 6.12, while Pi4J 2.8.0 always assumes 2: Pi4J issue #473), so look for the chip whose
     * device is the RP1's PWM0 and fall back to the kernel version.
     */
    static int chip(boolean rp1, Path sysfsPwm, String kernelRelease) {
        if (!rp1) {
            return 0;
        }
        return rp1Chip(sysfsPwm).orElseGet(() -> chip(true, kernelRelease));
    }

    static Optional<Integer> rp1Chip(Path sysfsPwm) {
        try (Stream<Path> chips = Files.list(sysfsPwm)) {
            return chips.filter(chip -> chip.getFileName().toString().matches("pwmchip\\d+"))
                    .filter(chip -> deviceOf(chip).endsWith(RP1_PWM0))
                    .map(chip -> Integer.parseInt(chip.getFileName().toString().substring("pwmchip".length())))
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static String deviceOf(Path chip) {
        try {
            return Files.readSymbolicLink(chip.resolve("device")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /**
     * By kernel version alone: 0 on a Pi 1-4; on a Pi 5 chip 2 before kernel 6.12 and 0 from 6.12 on.
     *
     * @param kernelRelease e.g. {@code 6.12.25+rpt-rpi-2712} (the os.version system property)
     */
    static int chip(boolean rp1, String kernelRelease) {
        if (!rp1) {
            return 0;
        }
        return atLeast(kernelRelease, 6, 12) ? 0 : 2;
    }

    static boolean atLeast(String release, int major, int minor) {
        String[] parts = release.split("[^0-9]+", 3);
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return true; // unknown: assume a current kernel
        }
    }
}
