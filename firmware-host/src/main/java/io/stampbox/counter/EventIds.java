package io.stampbox.counter;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** UUIDv7 event ids (RFC 9562): 48 bits of Unix milliseconds, then random bits. */
final class EventIds {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    EventIds(Clock clock) {
        this.clock = clock;
    }

    UUID next() {
        long millis = clock.millis();
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
