package io.stampbox.provision;

import com.fazecast.jSerialComm.SerialPort;
import io.stampbox.config.UnitConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** The scanner's device: there, readable and writable by the service user, and it opens. */
final class PortCheck {

    private static final String TITLE = "scanner port";

    private final UnitConfig.Scanner scanner;
    private final String user;
    private final Accounts accounts;

    PortCheck(UnitConfig.Scanner scanner, String user, Accounts accounts) {
        this.scanner = scanner;
        this.user = user;
        this.accounts = accounts;
    }

    CheckResult run() {
        Path port = Path.of(scanner.port());
        if (!Files.exists(port)) {
            return CheckResult.fail(TITLE, port + " does not exist",
                    "plug the scanner in (serial/CDC mode, not keyboard mode); `ls -l /dev/serial/by-id` lists what is"
                            + " there; a module on the Pi's UART needs `touch /etc/stampbox/scanner-on-uart && udevadm trigger`");
        }
        try {
            Path device = port.toRealPath();
            Optional<Set<String>> groups = accounts.groupsOf(user);
            if (groups.isEmpty()) {
                return CheckResult.fail(TITLE, "there is no user " + user, "install the stampbox package: it creates the user");
            }
            PosixFileAttributes attributes = Files.readAttributes(device, PosixFileAttributes.class);
            if (!accounts.canReadWrite(user, groups.get(), attributes)) {
                return CheckResult.fail(TITLE, user + " cannot read and write " + device + " (owner "
                                + attributes.owner().getName() + ", group " + attributes.group().getName() + ", mode "
                                + PosixFilePermissions.toString(attributes.permissions()) + ")", fix(device, attributes));
            }
            return opens(port, device);
        } catch (IOException e) {
            return CheckResult.fail(TITLE, "cannot inspect " + port + ": " + e.getMessage(), "check the device path");
        }
    }

    /**
     * Joining the device's group helps only when the group may read and write it and is not root's; a
     * root-owned 0600 device needs the udev rule (or a chmod) instead.
     */
    private String fix(Path device, PosixFileAttributes attributes) {
        Set<PosixFilePermission> mode = attributes.permissions();
        String group = attributes.group().getName();
        if (mode.contains(PosixFilePermission.GROUP_READ) && mode.contains(PosixFilePermission.GROUP_WRITE)
                && !group.equals("root")) {
            return "adduser " + user + " " + group + ", then systemctl restart stampbox";
        }
        return "the device is not given to a group " + user + " may join: the package's udev rule"
                + " (/lib/udev/rules.d/99-stampbox-scanner.rules) makes known scanners group dialout, mode 0660:"
                + " udevadm control --reload && udevadm trigger, or replug; a scanner it does not know needs a rule"
                + " of its own (see hardware/scanners.md); for now: chgrp dialout " + device + " && chmod 0660 " + device
                + " (lost at replug)";
    }

    private CheckResult opens(Path port, Path device) {
        SerialPort serial = SerialPort.getCommPort(port.toString());
        if (!serial.openPort()) {
            return CheckResult.fail(TITLE, port + " does not open (" + io.stampbox.scan.Errno.describe(serial.getLastErrorCode())
                            + ")",
                    "another program holds it; the unit itself while it runs: systemctl stop stampbox");
        }
        serial.closePort();
        String via = device.equals(port) ? "" : " (" + device + ")";
        return CheckResult.pass(TITLE, port + via + " opens and " + user + " may read and write it");
    }
}
