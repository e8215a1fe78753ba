package io.stampbox.signal;

import io.stampbox.config.UnitConfig;

/** Builds the staff button the configuration names. For the wiring class. */
public final class StaffButtons {

    private StaffButtons() {}

    /**
     * A Pi4J input when {@code feedback.platform} is {@code gpio} and {@code staff.buttonPin} is set;
     * otherwise {@link StaffButton#NONE} (the console platform presses through stdin lines instead:
     * {@code staff.consolePresses}, handled by the scan pipeline).
     *
     * @throws IndicatorException when the pin cannot be opened
     */
    public static StaffButton forConfig(UnitConfig.Feedback feedback, UnitConfig.Staff staff) {
        if (feedback.platform() != UnitConfig.Platform.GPIO || staff.buttonPin() == UnitConfig.NO_PIN) {
            return StaffButton.NONE;
        }
        return GpioStaffButton.onPi(staff);
    }
}
