package io.stampbox.signal;

import java.util.Map;
import java.util.Set;

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

    /**
     * The sysfs chip: 0 on a Pi 1-4; on a Pi 5 chip 2 before kernel 6.12 and chip 0 from 6.12 on
     * (Pi4J 2.8.0 assumes 2, see Pi4J issue #473).
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
