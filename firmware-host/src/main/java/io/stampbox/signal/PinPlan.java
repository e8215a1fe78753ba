package io.stampbox.signal;

import io.stampbox.config.UnitConfig.BuzzerType;
import io.stampbox.config.UnitConfig.Feedback;
import io.stampbox.config.UnitConfig.LedType;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which BCM pin each LED colour uses and which lamps make up each {@link Colour}: on a traffic light
 * one lamp a colour, on an RGB LED amber mixed from red and green. Checked here so that a wiring
 * mistake names its field before any pin is touched.
 *
 * @param leds lamp name (green, amber, red, blue) to BCM pin, in the order they are opened
 */
record PinPlan(Map<String, Integer> leds, Map<Colour, Set<String>> mixing) {

    private static final Map<Colour, Set<String>> TRAFFIC = Map.of(
            Colour.OFF, Set.of(),
            Colour.GREEN, Set.of("green"),
            Colour.AMBER, Set.of("amber"),
            Colour.RED, Set.of("red"),
            Colour.ALL, Set.of("green", "amber", "red"));

    private static final Map<Colour, Set<String>> RGB = Map.of(
            Colour.OFF, Set.of(),
            Colour.GREEN, Set.of("green"),
            Colour.AMBER, Set.of("red", "green"),
            Colour.RED, Set.of("red"),
            Colour.ALL, Set.of("red", "green", "blue"));

    static PinPlan of(Feedback feedback) {
        if (feedback.led() == null) {
            throw new IndicatorException("feedback.led: required for the gpio platform");
        }
        boolean rgb = feedback.led().type() == LedType.RGB;
        var led = feedback.led();
        Map<String, Integer> leds = new LinkedHashMap<>();
        if (rgb) {
            leds.put("red", led.red());
            leds.put("green", led.green());
            leds.put("blue", led.blue());
        } else {
            leds.put("green", led.green());
            leds.put("amber", led.amber());
            leds.put("red", led.red());
        }
        checkPins(leds, feedback);
        return new PinPlan(Collections.unmodifiableMap(leds), rgb ? RGB : TRAFFIC);
    }

    private static void checkPins(Map<String, Integer> leds, Feedback feedback) {
        Map<Integer, String> used = new HashMap<>();
        leds.forEach((lamp, pin) -> claim(used, "feedback.led." + lamp, pin));
        if (feedback.buzzer() != null && feedback.buzzer().type() != BuzzerType.NONE) {
            claim(used, "feedback.buzzer.pin", feedback.buzzer().pin());
        }
        if (feedback.buzzer() != null && feedback.buzzer().type() == BuzzerType.PASSIVE) {
            PwmChannels.channel(feedback.buzzer().pin(), false); // throws for a pin without hardware PWM
        }
    }

    private static void claim(Map<Integer, String> used, String field, int pin) {
        if (pin < 0 || pin > 27) {
            throw new IndicatorException(field + ": must be a BCM pin 0..27, got " + pin);
        }
        String other = used.putIfAbsent(pin, field);
        if (other != null) {
            throw new IndicatorException(field + ": BCM " + pin + " is already used by " + other);
        }
    }
}
