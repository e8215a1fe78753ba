package io.stampbox.scan.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Frames and checksums against the examples printed in the GM65 manual. */
class Gm65FramesTest {

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void zoneWriteMatchesTheManualsExample() {
        // "Write 0x3E in 0x000A of zone bit": 7E 00 08 01 00 0A 3E 4C CF
        assertArrayEquals(bytes(0x7E, 0x00, 0x08, 0x01, 0x00, 0x0A, 0x3E, 0x4C, 0xCF), Gm65Frames.zoneWrite(0x000A, 0x3E));
    }

    @Test
    void checksumsOfTheManualsOtherFrames() {
        assertEquals(0x3331, Gm65Frames.crc16(bytes(0x00, 0x01, 0x00), 0, 3), "the acknowledgement");
        assertEquals(0xDEC8, Gm65Frames.crc16(bytes(0x09, 0x01, 0x00, 0x00, 0x00), 0, 5), "save to flash");
        assertEquals(0xEE8A, Gm65Frames.crc16(bytes(0x07, 0x01, 0x00, 0x0A, 0x01), 0, 5), "read zone 0x000A");
    }

    @Test
    void findsTheAcknowledgementAmidNoiseAndAcrossReads() {
        AckScanner acks = new AckScanner();
        byte[] noise = "CARD-1\r".getBytes();
        assertFalse(acks.accept(noise, noise.length));
        assertFalse(acks.accept(bytes(0x02, 0x02, 0x00, 0x00), 4));
        assertTrue(acks.accept(bytes(0x01, 0x00, 0x33, 0x31, 0x0D), 5));
        assertFalse(acks.accept(bytes(0x02, 0x00, 0x00, 0x01, 0x00, 0x33, 0x32), 7), "a wrong checksum byte");
    }

    @Test
    void gm65SetupSilencesTheModuleAndPicksTheMode() {
        assertEquals(0x97, Gm65Profile.writes(Gm65Profile.MODE_SENSING).get(0).value());
        assertEquals(0x96, Gm65Profile.writes(Gm65Profile.MODE_CONTINUOUS).get(0).value());
        for (Gm65Profile.ZoneWrite write : Gm65Profile.writes(Gm65Profile.MODE_SENSING)) {
            if (write.address() == 0x0000) {
                assertEquals(0, write.value() & 0x40, "bit 6 = 0: the module's own beep is off");
            }
        }
    }
}
