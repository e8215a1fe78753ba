package io.stampbox.outbox;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * How a segment of the checked format stores an event: CRC32C over the seq (8 bytes, big-endian) and
 * the payload, 4 bytes, then the payload. A value that fails the check is never handed out as is.
 * Segments written before (format {@link #LEGACY}) keep raw payloads and are read as they are until
 * they are acknowledged and deleted; every segment created since is {@link #CHECKED}.
 */
final class EventCodec {

    static final int LEGACY = 0;
    static final int CHECKED = 2;
    /** Returned by reads for a value that is there but damaged; compared by identity. */
    static final byte[] BAD = new byte[0];

    private EventCodec() {}

    static byte[] encode(long seq, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(crc(seq, payload, 0, payload.length))
                .put(payload).array();
    }

    /** The payload, or {@link #BAD} when the stored value does not match its checksum. */
    static byte[] decode(long seq, byte[] stored) {
        if (stored.length < 4) {
            return BAD;
        }
        int expected = ByteBuffer.wrap(stored, 0, 4).getInt();
        if (crc(seq, stored, 4, stored.length - 4) != expected) {
            return BAD;
        }
        return Arrays.copyOfRange(stored, 4, stored.length);
    }

    private static int crc(long seq, byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(0, seq).array());
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }
}
