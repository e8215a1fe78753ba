package io.stampbox.provision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPIO line of check, on a stand-in /dev with real files, owners and modes. */
class GpioCheckTest {

    @TempDir
    Path dir;
    private Path dev;
    private Accounts accounts;
    private String gpioGroup;

    @BeforeEach
    void accounts() throws IOException {
        dev = Files.createDirectories(dir.resolve("dev"));
        // The group of a new file here stands in for gpio: the service user is put in it.
        Path probe = Files.createFile(dir.resolve("probe"));
        gpioGroup = Files.readAttributes(probe, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
        Path passwd = Files.writeString(dir.resolve("passwd"), "stampbox:x:990:990::/var/lib/stampbox:/usr/sbin/nologin\n");
        Path group = Files.writeString(dir.resolve("group"), "stampbox:x:990:\n" + gpioGroup + ":x:4242:stampbox\n");
        accounts = new Accounts(passwd, group);
    }

    private Path chip(String name, String mode) throws IOException {
        Path chip = Files.createFile(dev.resolve(name));
        Files.setPosixFilePermissions(chip, PosixFilePermissions.fromString(mode));
        return chip;
    }

    @Test
    void noChipFailsAndSaysScansStillWork() {
        CheckResult result = new GpioCheck(dev, "stampbox", accounts).run();
        assertFalse(result.ok());
        assertTrue(result.detail().contains("gpiochip*") && result.detail().contains("scans are still taken"), result.render());
    }

    @Test
    void rootOnlyChipFailsNamingOwnerAndMode() throws IOException {
        chip("gpiochip0", "rw-rw----");
        chip("gpiochip1", "rw-------");
        CheckResult result = new GpioCheck(dev, "stampbox", accounts).run();
        assertFalse(result.ok());
        assertTrue(result.detail().contains("gpiochip1") && result.detail().contains("rw-------"), result.render());
        assertTrue(result.fix().contains("udevadm trigger --subsystem-match=gpio"), result.render());
    }

    @Test
    void chipsOfTheUsersGroupPass() throws IOException {
        chip("gpiochip0", "rw-rw----");
        chip("gpiochip4", "rw-rw----");
        Files.createFile(dev.resolve("gpiomem"));
        CheckResult result = new GpioCheck(dev, "stampbox", accounts).run();
        assertTrue(result.ok(), result.render());
        assertTrue(result.detail().contains("gpiochip0") && result.detail().contains("gpiochip4"), result.render());
    }

    @Test
    void chipOfAnotherGroupFails() throws IOException {
        Path chip = chip("gpiochip0", "rw-rw----");
        GroupPrincipal other = chip.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("daemon");
        Files.getFileAttributeView(chip, PosixFileAttributeView.class).setGroup(other);
        assertFalse(new GpioCheck(dev, "stampbox", accounts).run().ok());
    }
}
