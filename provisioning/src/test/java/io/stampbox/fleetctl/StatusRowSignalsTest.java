package io.stampbox.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A unit running without LEDs and buzzer shows in {@code stampbox-fleet status} (issue 12). */
class StatusRowSignalsTest {

    @Test
    void healthSaysWhatDrivesTheSignalsNowStatusWhatItWasAtConnect() {
        Map<String, String> retained = Map.of(
                "stampbox/v1/u1/status", "{\"online\": true, \"signals\": \"none: permission denied on /dev/gpiochip0\"}",
                "stampbox/v1/u1/health", "{\"uptimeSeconds\": 60, \"signals\": \"gpio\"}",
                "stampbox/v1/u2/status", "{\"online\": true, \"signals\": \"none: there is no /dev/gpiochip*\"}",
                "stampbox/v1/u3/status", "{\"online\": true}");
        List<StatusRow> rows = FleetStatusCommand.rows(retained, "stampbox/v1");
        assertEquals(List.of("u1", "u2", "u3"), rows.stream().map(StatusRow::unit).toList());
        assertEquals("gpio", rows.get(0).signals(), "health is newer: the LEDs came back after a retry");
        assertEquals("none: there is no /dev/gpiochip*", rows.get(1).signals(), "no health yet: the status's");
        assertNull(rows.get(2).signals(), "a unit that predates the field");
    }
}
