package io.stampbox.update;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledVersionTest {

    @TempDir
    Path dpkg;

    @Test
    void readsTheStatusThenTheNewestJournalStanzaAsDpkgDoes() throws Exception {
        assertEquals("dev", InstalledVersion.read(dpkg, "dev"), "no database: the fallback");
        Files.writeString(dpkg.resolve("status"), "Package: adduser\nVersion: 3.134\n\nPackage: stampbox\nStatus: install ok"
                + " installed\nVersion: 1.0.0\nDescription: x\n more\n\nPackage: zz\nVersion: 9\n");
        assertEquals("1.0.0", InstalledVersion.read(dpkg, "dev"));
        Files.createDirectories(dpkg.resolve("updates"));
        Files.writeString(dpkg.resolve("updates/0001"), "Package: stampbox\nStatus: install ok unpacked\nVersion: 1.1.0\n\n");
        Files.writeString(dpkg.resolve("updates/0010"), "Package: stampbox\nStatus: install ok half-configured\n"
                + "Version: 1.2.0~rc1+u2\n\n");
        Files.writeString(dpkg.resolve("updates/0002"), "Package: other\nVersion: 5\n\n");
        Files.writeString(dpkg.resolve("updates/tmp.i"), "Package: stampbox\nVersion: 6.6.6\n\n");
        assertEquals("1.2.0~rc1+u2", InstalledVersion.read(dpkg, "dev"), "0010 is the newest; tmp.i is not a journal entry");
    }
}
