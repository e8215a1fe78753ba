package io.stampbox.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The board's hardware serial, which a setup code may be bound to: the device tree's
 * {@code serial-number} (a Raspberry Pi's, as {@code cat /sys/firmware/devicetree/base/serial-number}
 * shows it), else the {@code Serial} line of {@code /proc/cpuinfo}; null when neither says.
 */
final class HardwareSerial {

    static final Supplier<String> SYSTEM = () -> read(Path.of("/sys/firmware/devicetree/base/serial-number"),
            Path.of("/proc/cpuinfo"));

    private HardwareSerial() {}

    static String read(Path deviceTree, Path cpuinfo) {
        try {
            if (Files.isReadable(deviceTree)) {
                String serial = Files.readString(deviceTree, StandardCharsets.US_ASCII).replace("\0", "").trim();
                if (!serial.isEmpty()) {
                    return serial;
                }
            }
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.US_ASCII)) {
                    if (line.startsWith("Serial")) {
                        String serial = line.substring(line.indexOf(':') + 1).trim();
                        return serial.isEmpty() ? null : serial;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
