package io.stampbox.outbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer JVM killed with SIGKILL at random moments while it appends, many times over the same
 * directory: after each kill the outbox opens, holds every acknowledged event, and seq goes on without
 * gap or duplicate. Cycles: {@code -Doutbox.crash.cycles=N} (default 100); seed:
 * {@code -Doutbox.crash.seed=S}.
 */
@ProcessTest
@SlowTest
class OutboxRandomKillTest {

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedEventSurvivesRandomKillsAndSeqContinues() throws Exception {
        int cycles = Integer.getInteger("outbox.crash.cycles", 100);
        int lanes = Integer.getInteger("outbox.crash.parallel", 2);
        long seed = Long.getLong("outbox.crash.seed", System.nanoTime());
        List<Callable<Void>> runs = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            int laneCycles = cycles / lanes + (lane < cycles % lanes ? 1 : 0);
            Path dir = tmp.resolve("outbox-" + lane);
            Random random = new Random(seed + lane);
            String name = "seed " + seed + ", lane " + lane;
            runs.add(() -> killRepeatedly(dir, laneCycles, random, name));
        }
        CrashSupport.runAll(runs);
        System.out.println("outbox random kills: " + cycles + " cycles passed (seed " + seed + ")");
    }

    private Void killRepeatedly(Path dir, int cycles, Random random, String name) throws Exception {
        long lastNext = 1;
        Path err = tmp.resolve(dir.getFileName() + ".err");
        for (int cycle = 1; cycle <= cycles; cycle++) {
            String context = "cycle " + cycle + " (" + name + ")";
            CrashSupport.Child child = CrashSupport.Child.start(
                    CrashSupport.childCommand(tmp, dir, "loop"), err);
            List<String> seen = new ArrayList<>();
            assertTrue(child.awaitLine("OPEN", Duration.ofSeconds(30), seen),
                    context + ": " + seen + " " + Files.readString(err));
            int acks = random.nextInt(25);
            for (int i = 0; i < acks; i++) {
                assertTrue(child.awaitLine("ACK", Duration.ofSeconds(30), seen), context);
            }
            // Jitter, not a wait: moves the kill to any point of the next append.
            LockSupport.parkNanos(random.nextInt(2_000_000));
            child.process().destroyForcibly();
            child.finish(seen, Duration.ofSeconds(30));
            long next = CrashSupport.verify(dir, CrashSupport.maxAcknowledged(seen), context);
            assertTrue(next >= lastNext, context + ": seq went back from " + lastNext + " to " + next);
            lastNext = next;
        }
        return null;
    }
}
