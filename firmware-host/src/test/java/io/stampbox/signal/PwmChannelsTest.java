package io.stampbox.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

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
    void aPi5FromKernel612UsesPwmChip0() {
        assertEquals(0, PwmChannels.chip(false, "6.12.25+rpt-rpi-v8"));
        assertEquals(0, PwmChannels.chip(true, "6.12.25+rpt-rpi-2712"));
        assertEquals(0, PwmChannels.chip(true, "7.0.1"));
        assertEquals(2, PwmChannels.chip(true, "6.6.51+rpt-rpi-2712"));
        assertEquals(2, PwmChannels.chip(true, "5.15.0"));
    }
}
