package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import io.stampbox.wire.ScanEvent;
import io.stampbox.outbox.MapDbOutbox;
import io.stampbox.outbox.StoredEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole unit killed with SIGKILL while scans stream in, again and again: every scan it signalled
 * {@code accepted} must be in the outbox afterwards with the same event id, and seq must have no gap
 * and no duplicate. (The outbox's own suite kills it at every write of a commit.)
 */
@ProcessTest
@SlowTest
class UnitCrashTest {

    private static final int CYCLES = Integer.getInteger("stampbox.crash.unitCycles", 12);

    @TempDir
    Path dir;

    @Test
    void everyAcceptedScanSurvivesKillNine() throws Exception {
        Path config = UnitConfigs.stdin(dir);
        Random random = new Random(42);
        Map<Long, String> accepted = new HashMap<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            try (UnitProcess unit = UnitProcess.start(config, dir)) {
                unit.awaitReady();
                AtomicBoolean typing = new AtomicBoolean(true);
                int base = cycle * 100_000;
                Thread typist = new Thread(() -> typeUntilKilled(unit, base, typing), "typist");
                typist.start();
                Thread.sleep(100 + random.nextInt(400));
                unit.kill9();
                typing.set(false);
                typist.join();
                for (String line : unit.seen()) {
                    Matcher m = UnitStdinEndToEndTest.ACCEPTED.matcher(line);
                    if (m.matches()) {
                        String before = accepted.put(Long.parseLong(m.group(2)), m.group(1));
                        assertTrue(before == null, "seq " + m.group(2) + " accepted twice");
                    }
                }
            }
        }
        assertTrue(accepted.size() > CYCLES, "too few scans accepted to prove anything: " + accepted.size());
        try (MapDbOutbox outbox = MapDbOutbox.open(dir.resolve("data/outbox"), 1_000_000, Clock.systemUTC())) {
            List<StoredEvent> stored = outbox.read(1, Integer.MAX_VALUE);
            for (int i = 0; i < stored.size(); i++) {
                assertEquals(i + 1, stored.get(i).seq(), "seq gap or duplicate at index " + i);
            }
            for (Map.Entry<Long, String> e : accepted.entrySet()) {
                StoredEvent event = stored.get((int) (e.getKey() - 1));
                assertEquals(e.getValue(), ScanEvent.fromJson(event.payload()).eventId(),
                        "accepted seq " + e.getKey() + " has another event id in the outbox");
            }
            assertEquals(stored.size() + 1, outbox.nextSeq());
        }
    }

    private static void typeUntilKilled(UnitProcess unit, int base, AtomicBoolean typing) {
        try {
            for (int n = 0; typing.get(); n++) {
                unit.type("CARD-%06d".formatted(base + n));
                Thread.sleep(2);
            }
        } catch (Exception e) {
            // the pipe broke when the unit died
        }
    }
}
