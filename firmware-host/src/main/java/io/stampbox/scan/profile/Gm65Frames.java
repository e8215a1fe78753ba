package io.stampbox.scan.profile;

/**
 * The GM65 serial command format: {@code 7E 00 08 <len> <addr-hi> <addr-lo> <data…> <crc-hi> <crc-lo>}
 * writes {@code len} bytes to the module's zone bits (settings) from {@code addr}; the CRC is
 * CRC-16 with polynomial 0x1021 and initial value 0 over every byte after {@code 7E 00}. A write the
 * module accepts is answered {@code 02 00 00 01 00 33 31}; a bad one gets no answer at all.
 */
final class Gm65Frames {

    static final byte[] ACK = {0x02, 0x00, 0x00, 0x01, 0x00, 0x33, 0x31};
    private static final int WRITE = 0x08;

    private Gm65Frames() {}

    static byte[] zoneWrite(int address, int... data) {
        byte[] frame = new byte[2 + 4 + data.length + 2];
        frame[0] = 0x7E;
        frame[1] = 0x00;
        frame[2] = (byte) WRITE;
        frame[3] = (byte) data.length;
        frame[4] = (byte) (address >> 8);
        frame[5] = (byte) address;
        for (int i = 0; i < data.length; i++) {
            frame[6 + i] = (byte) data[i];
        }
        int crc = crc16(frame, 2, frame.length - 2);
        frame[frame.length - 2] = (byte) (crc >> 8);
        frame[frame.length - 1] = (byte) crc;
        return frame;
    }

    /** CRC-16, polynomial 0x1021, initial value 0, no reflection (the XMODEM variant). */
    static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (bytes[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }
}
