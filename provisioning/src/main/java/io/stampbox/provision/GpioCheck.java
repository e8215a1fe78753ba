package io.stampbox.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** feedback.platform gpio: the GPIO chips are there and the service user may read and write every one. */
final class GpioCheck {

    private static final String TITLE = "GPIO";

    private final Path dev;
    private final String user;
    private final Accounts accounts;

    /** @param dev where the chips are, {@code /dev} */
    GpioCheck(Path dev, String user, Accounts accounts) {
        this.dev = dev;
        this.user = user;
        this.accounts = accounts;
    }

    CheckResult run() {
        try {
            List<Path> chips;
            try (Stream<Path> entries = Files.list(dev)) {
                chips = entries.filter(p -> p.getFileName().toString().matches("gpiochip[0-9]+")).sorted().toList();
            }
            if (chips.isEmpty()) {
                return CheckResult.fail(TITLE, "no " + dev.resolve("gpiochip*") + ": no LEDs and no buzzer (scans are still"
                        + " taken)", PiModel.isPi(PiModel.MODEL) ? "a kernel with the GPIO character device (Raspberry Pi"
                        + " OS, Debian arm64)" : PiModel.notAPi(PiModel.MODEL) + ": " + PiModel.OFF_A_PI);
            }
            Optional<Set<String>> groups = accounts.groupsOf(user);
            if (groups.isEmpty()) {
                return CheckResult.fail(TITLE, "there is no user " + user, "install the stampbox package: it creates the user");
            }
            for (Path chip : chips) {
                PosixFileAttributes a = Files.readAttributes(chip, PosixFileAttributes.class);
                if (!accounts.canReadWrite(user, groups.get(), a)) {
                    return CheckResult.fail(TITLE, user + " cannot read and write " + chip + " (owner " + a.owner().getName()
                                    + ", group " + a.group().getName() + ", mode " + PosixFilePermissions.toString(a.permissions())
                                    + "): no LEDs and no buzzer (the unit takes scans without them and retries the"
                                    + " chips, up to every 5 min; its health says signals: none: ...)",
                            "the package's udev rule gives the chips to group gpio: udevadm trigger --subsystem-match=gpio"
                                    + " --action=add, check ls -l " + dev.resolve("gpiochip*") + "; the running unit picks"
                                    + " them up at its next retry (systemctl restart stampbox: at once)");
                }
            }
            return CheckResult.pass(TITLE, user + " may read and write " + String.join(", ",
                    chips.stream().map(Path::toString).toList()));
        } catch (IOException e) {
            return CheckResult.fail(TITLE, "cannot inspect " + dev + ": " + e.getMessage(), "check " + dev);
        }
    }
}
