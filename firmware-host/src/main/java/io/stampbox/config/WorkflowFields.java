package io.stampbox.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The staff workflow's keys: {@code staff.*}, {@code workflow.*}, and two {@code feedback.*} keys (docs/workflows.md). */
final class WorkflowFields {

    private static final long MAX_PIN = 27;
    private static final int MAX_WINDOWS = 8;
    private static final Pattern WINDOW = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])");

    private WorkflowFields() {}

    static UnitConfig.Staff staff(ConfigFields f) {
        return new UnitConfig.Staff(
                pin(f, "staff.buttonPin"),
                f.integer("staff.longPressMs", 1500, 300, 10_000),
                f.integer("staff.debounceMs", 30, 1, 500),
                f.bool("staff.consolePresses", false),
                f.integer("staff.undoSeconds", 10, 0, 120),
                f.integer("staff.confirmSeconds", 20, 3, 600));
    }

    static UnitConfig.Workflow workflow(ConfigFields f) {
        String mode = f.matching("workflow.mode", "autopilot", false, Pattern.compile("autopilot|staff-confirm"),
                "autopilot or staff-confirm");
        return new UnitConfig.Workflow(
                "staff-confirm".equals(mode) ? UnitConfig.Mode.STAFF_CONFIRM : UnitConfig.Mode.AUTOPILOT,
                schedule(f), zone(f),
                f.integer("feedback.rewardWindowMs", 5000, 0, 60_000),
                pin(f, "feedback.guideLightPin"));
    }

    /**
     * Staff-confirm (as the mode or inside a window) needs a button to press, or every card scan would
     * expire: a remote document must not silence the unit. A pin on a GPIO unit must not be one the LEDs
     * or the buzzer already use.
     */
    static void checkPins(ConfigFields f, UnitConfig.Feedback feedback, UnitConfig.Staff staff,
            UnitConfig.Workflow workflow) {
        boolean button = feedback.platform() == UnitConfig.Platform.GPIO && staff.buttonPin() != UnitConfig.NO_PIN
                || feedback.platform() == UnitConfig.Platform.CONSOLE && staff.consolePresses();
        if (!button && (workflow.mode() == UnitConfig.Mode.STAFF_CONFIRM || !workflow.schedule().isEmpty())) {
            f.error(workflow.mode() == UnitConfig.Mode.STAFF_CONFIRM ? "workflow.mode" : "workflow.schedule",
                    "staff-confirm needs a staff button (staff.buttonPin on gpio, or staff.consolePresses on console)");
        }
        if (feedback.platform() != UnitConfig.Platform.GPIO) {
            return;
        }
        List<Integer> taken = new ArrayList<>(List.of(feedback.led().green(), feedback.led().red()));
        taken.add(feedback.led().type() == UnitConfig.LedType.TRAFFIC ? feedback.led().amber() : feedback.led().blue());
        if (feedback.buzzer().type() != UnitConfig.BuzzerType.NONE) {
            taken.add(feedback.buzzer().pin());
        }
        if (staff.buttonPin() != UnitConfig.NO_PIN && taken.contains(staff.buttonPin())) {
            f.error("staff.buttonPin", "BCM pin " + staff.buttonPin() + " is already used by the LEDs or the buzzer");
        }
        taken.add(staff.buttonPin());
        if (workflow.guideLightPin() != UnitConfig.NO_PIN && taken.contains(workflow.guideLightPin())) {
            f.error("feedback.guideLightPin", "BCM pin " + workflow.guideLightPin()
                    + " is already used by the LEDs, the buzzer or the staff button");
        }
    }

    private static int pin(ConfigFields f, String key) {
        return (int) f.integer(key, UnitConfig.NO_PIN, 0, MAX_PIN);
    }

    private static List<UnitConfig.Window> schedule(ConfigFields f) {
        String key = "workflow.schedule";
        if (!f.present(key)) {
            return List.of();
        }
        JsonNode node = f.node(key);
        if (!node.isArray() || node.size() > MAX_WINDOWS) {
            f.error(key, "must be a list of at most " + MAX_WINDOWS + " \"HH:MM-HH:MM\" strings, got " + node);
            return List.of();
        }
        List<UnitConfig.Window> windows = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            Matcher m = item.isTextual() ? WINDOW.matcher(item.textValue()) : null;
            if (m == null || !m.matches()) {
                f.error(key + "[" + i + "]", "must be \"HH:MM-HH:MM\" (24-hour local time), got " + item);
                continue;
            }
            LocalTime from = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            LocalTime to = LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            if (from.equals(to)) {
                f.error(key + "[" + i + "]", "an empty window, from equals to, got " + item);
                continue;
            }
            windows.add(new UnitConfig.Window(from, to));
        }
        return List.copyOf(windows);
    }

    /** The {@code update.*} keys: idle time, maintenance window, verification time. */
    static UnitConfig.Update update(ConfigFields f) {
        UnitConfig.Window window = null;
        String text = f.string("update.window", null, false);
        if (text != null) {
            Matcher m = WINDOW.matcher(text);
            if (!m.matches() || m.group(1).equals(m.group(3)) && m.group(2).equals(m.group(4))) {
                f.error("update.window", "must be \"HH:MM-HH:MM\" (24-hour local time, from != to), got "
                        + ConfigFields.quote(text));
            } else {
                window = new UnitConfig.Window(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
                        LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
            }
        }
        return new UnitConfig.Update(f.integer("update.idleSeconds", 60, 0, 86_400), window,
                f.integer("update.verifySeconds", 120, 30, 3600));
    }

    private static ZoneId zone(ConfigFields f) {
        String name = f.string("workflow.timeZone", null, false);
        if (name == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            f.error("workflow.timeZone", "must be a time zone id such as Europe/Berlin, got " + ConfigFields.quote(name));
            return ZoneId.systemDefault();
        }
    }
}
