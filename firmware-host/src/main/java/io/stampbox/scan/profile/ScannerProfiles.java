package io.stampbox.scan.profile;

import java.util.List;

/** The profiles {@code scanner.profile} can name. */
public final class ScannerProfiles {

    /** Every valid {@code scanner.profile} value. */
    public static final List<String> NAMES = List.of("generic", "gm65", "gm65-continuous");

    private ScannerProfiles() {}

    /** A fresh profile for {@code name}; one per scanner, since it keeps the setup state. */
    public static ScannerProfile forName(String name) {
        return switch (name) {
            case "generic" -> new GenericProfile();
            case "gm65" -> Gm65Profile.sensing();
            case "gm65-continuous" -> Gm65Profile.continuous();
            default -> throw new IllegalArgumentException("scanner.profile: must be one of "
                    + String.join(", ", NAMES) + ", got \"" + name + "\"");
        };
    }
}
