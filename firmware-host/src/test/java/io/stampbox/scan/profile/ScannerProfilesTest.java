package io.stampbox.scan.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/** The validator and the profiles agree on the names {@code scanner.profile} can take. */
class ScannerProfilesTest {

    private static String config(String profile) {
        return """
                {"device": {"id": "u1", "store": "s1"},
                 "scanner": {"type": "serial", "port": "/dev/stampbox-scanner", "profile": "%s"},
                 "storage": {"dir": "/var/lib/stampbox"},
                 "codes": {"cardPattern": "^CARD-(?<card>.+)$"},
                 "feedback": {"platform": "none"}}
                """.formatted(profile);
    }

    @Test
    void everyProfileTheConfigAcceptsExists() throws ConfigException {
        for (String name : ScannerProfiles.NAMES) {
            assertEquals(name, ConfigLoader.parse(config(name)).scanner().profile());
            assertEquals(name, ScannerProfiles.forName(name).name());
        }
    }

    @Test
    void anUnknownProfileIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(config("gm66")));
        assertEquals("scanner.profile: must match generic, gm65 or gm65-continuous, got \"gm66\"", e.errors().get(0));
    }
}
