package io.stampbox.signal;

/**
 * Which Pi4J providers create the outputs, named explicitly, and how PWM channels are numbered.
 *
 * @param digitalOutputProvider a Pi4J provider id, e.g. {@code gpiod-digital-output}
 * @param pwmProvider a Pi4J provider id, e.g. {@code linuxfs-pwm}
 * @param rp1 true on a Pi 5, whose RP1 numbers PWM channels differently
 */
public record Pi4jTarget(String digitalOutputProvider, String pwmProvider, boolean rp1) {

    /** The real Pi: gpiod for LEDs and an active buzzer, sysfs hardware PWM for a passive buzzer. */
    public static Pi4jTarget pi(boolean rp1) {
        return new Pi4jTarget("gpiod-digital-output", "linuxfs-pwm", rp1);
    }

    /** Pi4J's mock plugin, for tests and for simulating the GPIO panel off the Pi. */
    public static Pi4jTarget mock() {
        return new Pi4jTarget("mock-digital-output", "mock-pwm", false);
    }
}
