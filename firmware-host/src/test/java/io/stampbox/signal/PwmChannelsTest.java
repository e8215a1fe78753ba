package io.stampbox.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PwmChannelsTest {

    @Test
    void pinsMapToTheChannelsOfEachPwmController() {
        assertEquals(0, PwmChannels.channel(18, false));
        assertEquals(0, PwmChannels.channel(12, false));
        assertEquals(1, PwmChannels.channel(13, false));
        assertEquals(1, PwmChannels.channel(19, false));
        assertEquals(0, PwmChannels.channel(12, true));
        assertEquals(1, PwmChannels.channel(13, true));
        assertEquals(2, PwmChannels.channel(18, true));
        assertEquals(3, PwmChannels.channel(19, true));
        assertThrows(IndicatorException.class, () -> PwmChannels.channel(17, false));
    }

    @Test
    void onAPi5TheChipWhoseDeviceIsTheRp1Pwm0IsUsed(@TempDir Path sysfs) throws Exception {
        link(sysfs, "pwmchip0", "../../../107d517a80.pwm"); // the fan
        link(sysfs, "pwmchip2", "../../../1f00098000.pwm");
        link(sysfs, "pwmchip6", "../../../1f0009c000.pwm");
        assertEquals(2, PwmChannels.chip(true, sysfs, "6.6.51+rpt-rpi-2712"));
        assertEquals(2, PwmChannels.chip(true, sysfs, "6.12.25+rpt-rpi-2712"), "the device wins over the version");
        assertEquals(0, PwmChannels.chip(false, sysfs, "6.6.51"), "a Pi 1-4 uses chip 0");
        assertEquals(0, PwmChannels.chip(true, sysfs.resolve("missing"), "6.12.25"), "no sysfs: by version");
    }

    private static void link(Path sysfs, String chip, String device) throws Exception {
        Files.createDirectories(sysfs.resolve(chip));
        Files.createSymbolicLink(sysfs.resolve(chip).resolve("device"), Path.of(device));
    }

    @Test
    void aPi5FromKernel612UsesPwmChip0() {
        assertEquals(0, PwmChannels.chip(false, "6.12.25+rpt-rpi-v8"));
        assertEquals(0, PwmChannels.chip(true, "6.12.25+rpt-rpi-2712"));
        assertEquals(0, PwmChannels.chip(true, "7.0.1"));
        assertEquals(2, PwmChannels.chip(true, "6.6.51+rpt-rpi-2712"));
        assertEquals(2, PwmChannels.chip(true, "5.15.0"));
    }
}
