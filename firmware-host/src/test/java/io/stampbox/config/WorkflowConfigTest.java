package io.stampbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The staff workflow's keys: defaults, rules and messages, and the schedule's windows. */
class WorkflowConfigTest {

    private static final String BASE = """
            {"device": {"id": "unit-1", "store": "s"}, "scanner": {"type": "stdin"}, "storage": {"dir": "/tmp/x"},
             "codes": {"cardPattern": "^C(?<card>[0-9]+)$"}, "feedback": {"platform": "gpio"%s}%s}
            """;

    private static UnitConfig parse(String feedback, String extra) throws ConfigException {
        return ConfigLoader.parse(BASE.formatted(feedback, extra));
    }

    private static List<String> errorsOf(String feedback, String extra) {
        return assertThrows(ConfigException.class, () -> parse(feedback, extra)).errors();
    }

    @Test
    void defaultsAreAutopilotWithTenSecondsToUndo() throws Exception {
        UnitConfig c = parse("", "");
        assertEquals(new UnitConfig.Staff(UnitConfig.NO_PIN, 1500, 30, false, 10, 20), c.staff());
        assertEquals(UnitConfig.Mode.AUTOPILOT, c.workflow().mode());
        assertEquals(List.of(), c.workflow().schedule());
        assertEquals(5000, c.workflow().rewardWindowMs());
        assertEquals(UnitConfig.NO_PIN, c.workflow().guideLightPin());
    }

    @Test
    void everyBadValueIsNamedWithItsRule() {
        assertEquals(List.of(
                "staff.buttonPin: must be one of 0..27, got 40",
                "staff.undoSeconds: must be one of 0..120, got -1",
                "workflow.mode: must match autopilot or staff-confirm, got \"manual\"",
                "workflow.schedule[0]: must be \"HH:MM-HH:MM\" (24-hour local time), got \"7am-11am\"",
                "workflow.schedule[1]: an empty window, from equals to, got \"08:00-08:00\"",
                "workflow.timeZone: must be a time zone id such as Europe/Berlin, got \"Mars/Base\"",
                "feedback.rewardWindowMs: must be one of 0..60000, got \"soon\""),
                errorsOf(", \"rewardWindowMs\": \"soon\"", ", \"staff\": {\"buttonPin\": 40, \"undoSeconds\": -1},"
                        + " \"workflow\": {\"mode\": \"manual\", \"schedule\": [\"7am-11am\", \"08:00-08:00\"],"
                        + " \"timeZone\": \"Mars/Base\"}"));
        assertEquals(List.of("workflow.schedule: must be a list of at most 8 \"HH:MM-HH:MM\" strings, got \"07:00-10:00\""),
                errorsOf("", ", \"workflow\": {\"schedule\": \"07:00-10:00\"}"));
    }

    @Test
    void theButtonAndTheGuideLightMayNotTakeAnLedOrEachOthersPin() {
        assertEquals(List.of("staff.buttonPin: BCM pin 17 is already used by the LEDs or the buzzer"),
                errorsOf("", ", \"staff\": {\"buttonPin\": 17}"));
        assertEquals(List.of("feedback.guideLightPin: BCM pin 23 is already used by the LEDs, the buzzer or the staff button"),
                errorsOf(", \"guideLightPin\": 23", ", \"staff\": {\"buttonPin\": 23}"));
        assertEquals(List.of("feedback.guideLightPin: BCM pin 18 is already used by the LEDs, the buzzer or the staff button"),
                errorsOf(", \"guideLightPin\": 18", ""));
    }

    @Test
    void theScheduleSwitchesToTheOtherModeInsideItsWindows() throws Exception {
        UnitConfig c = parse("", ", \"staff\": {\"buttonPin\": 23}, \"workflow\": {\"mode\": \"staff-confirm\", \"schedule\": [\"07:00-10:30\", \"22:00-01:00\"],"
                + " \"timeZone\": \"Europe/Berlin\"}");
        UnitConfig.Workflow w = c.workflow();
        assertEquals(ZoneId.of("Europe/Berlin"), w.zone());
        assertEquals(UnitConfig.Mode.AUTOPILOT, w.modeAt(Instant.parse("2026-11-30T06:00:00Z")), "07:00 Berlin");
        assertEquals(UnitConfig.Mode.AUTOPILOT, w.modeAt(Instant.parse("2026-11-30T09:29:59Z")), "10:29:59");
        assertEquals(UnitConfig.Mode.STAFF_CONFIRM, w.modeAt(Instant.parse("2026-11-30T09:30:00Z")), "10:30: window ends");
        assertEquals(UnitConfig.Mode.STAFF_CONFIRM, w.modeAt(Instant.parse("2026-11-30T05:59:00Z")), "06:59");
        assertEquals(UnitConfig.Mode.AUTOPILOT, w.modeAt(Instant.parse("2026-11-30T23:30:00Z")), "00:30, past midnight");
        assertEquals(UnitConfig.Mode.STAFF_CONFIRM, w.modeAt(Instant.parse("2026-12-01T00:00:00Z")), "01:00");
        assertEquals(new UnitConfig.Window(LocalTime.of(7, 0), LocalTime.of(10, 30)), w.schedule().get(0));
    }

    @Test
    void theModeAndScheduleAreRemotelySettableAndALaterLayerWins() throws Exception {
        RemoteDocument.parse("{\"version\": 3, \"workflow\": {\"mode\": \"staff-confirm\", \"schedule\": [\"07:00-10:30\"]},"
                + " \"staff\": {\"undoSeconds\": 5}, \"feedback\": {\"rewardWindowMs\": 2000}}").validateAlone();
        ConfigException bad = assertThrows(ConfigException.class,
                () -> RemoteDocument.parse("{\"version\": 4, \"workflow\": {\"mode\": \"off\"}}").validateAlone());
        assertEquals(List.of("workflow.mode: must match autopilot or staff-confirm, got \"off\""), bad.errors());
        UnitConfig c = ConfigLoader.fromLayers(ConfigLoader.flatten(BASE.formatted("", ", \"staff\": {\"buttonPin\": 23}")),
                ConfigLoader.flatten("{\"workflow\": {\"mode\": \"staff-confirm\"}}"),
                ConfigLoader.flatten("{\"workflow.schedule\": [\"00:00-23:59\"]}"), 5);
        assertEquals(UnitConfig.Mode.STAFF_CONFIRM, c.workflow().mode());
        assertEquals(1, c.workflow().schedule().size());
    }

    @Test
    void staffConfirmWithoutAButtonIsRefusedSoNoDocumentCanMakeEveryScanExpire() {
        assertEquals(List.of("workflow.mode: staff-confirm needs a staff button (staff.buttonPin on gpio,"
                + " or staff.consolePresses on console)"), errorsOf("", ", \"workflow\": {\"mode\": \"staff-confirm\"}"));
        assertEquals(List.of("workflow.schedule: staff-confirm needs a staff button (staff.buttonPin on gpio,"
                + " or staff.consolePresses on console)"), errorsOf("", ", \"workflow\": {\"schedule\": [\"07:00-10:00\"]}"));
        assertEquals(List.of("staff.buttonPin: may only be set in the unit's local file, not remotely"),
                assertThrows(ConfigException.class,
                        () -> RemoteDocument.parse("{\"version\": 2, \"staff\": {\"buttonPin\": 5}}")).errors());
    }
}
