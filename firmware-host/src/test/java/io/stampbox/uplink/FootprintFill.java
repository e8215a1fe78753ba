package io.stampbox.uplink;

import io.stampbox.outbox.MapDbOutbox;
import io.stampbox.testing.FilledOutbox;
import java.nio.file.Path;

/**
 * For {@code firmware-host/bench/footprint.sh}: fills the outbox of a unit's {@code storage.dir}
 * ({@code args[0]}/outbox) with {@code args[1]} pending scan events, as a unit offline for weeks has.
 */
public final class FootprintFill {

    private FootprintFill() {}

    public static void main(String[] args) throws Exception {
        long count = Long.parseLong(args[1]);
        try (MapDbOutbox outbox = FilledOutbox.open(Path.of(args[0]).resolve("outbox"), count)) {
            System.out.println("FILLED " + outbox.depth());
        }
    }
}
