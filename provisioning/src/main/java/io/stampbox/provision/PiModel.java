package io.stampbox.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this machine is a Raspberry Pi, from the device tree's model string (absent on a PC). */
final class PiModel {

    static final Path MODEL = Path.of("/proc/device-tree/model");

    /** What to do about LEDs and a buzzer that cannot be driven on a machine that is not a Pi. */
    static final String OFF_A_PI = "stampbox-provision init --feedback console (each signal a line on stdout,"
            + " for a demo or a test) or --feedback none";

    private PiModel() {}

    /** The model, e.g. {@code Raspberry Pi 4 Model B Rev 1.5}; null when the file is not there. */
    static String model(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\0", "").strip();
        } catch (IOException e) {
            return null;
        }
    }

    static boolean isPi(Path file) {
        String model = model(file);
        return model != null && model.contains("Raspberry Pi");
    }

    /** Why this is not a Pi, for a message: {@code this machine is not a Raspberry Pi (...)}. */
    static String notAPi(Path file) {
        String model = model(file);
        return "this machine is not a Raspberry Pi (" + (model == null ? file + " is missing" : "model: " + model) + ")";
    }
}
