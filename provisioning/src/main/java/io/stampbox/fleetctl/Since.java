package io.stampbox.fleetctl;

import io.stampbox.toolkit.ToolFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --since}: an ISO-8601 instant, or an age ({@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}) before now. */
final class Since {

    private static final Pattern AGE = Pattern.compile("([0-9]{1,6})([smhd])");

    private Since() {}

    /** @throws ToolFailure (exit 2) naming both forms */
    static Instant parse(String text, Instant now) {
        Matcher age = AGE.matcher(text);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration unit = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return now.minus(unit.multipliedBy(n));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ToolFailure.usage("--since must be an instant such as 2026-11-30T10:00:00Z or an age such as"
                    + " 15m, got \"" + text + "\"", e);
        }
    }
}
