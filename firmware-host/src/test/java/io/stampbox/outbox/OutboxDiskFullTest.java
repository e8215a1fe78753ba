package io.stampbox.outbox;

import static io.stampbox.outbox.MapDbOutboxTest.CLOCK;
import static io.stampbox.outbox.MapDbOutboxTest.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stampbox.testing.ProcessTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: the outbox lives on a 4 MiB tmpfs (mounting one needs root; skipped otherwise),
 * a filler file takes the rest. The append that cannot be made durable fails with IO and keeps
 * nothing; the outbox keeps working and accepts appends again once the filler is gone.
 */
@ProcessTest
class OutboxDiskFullTest {

    static final MapDbOutbox.Settings SETTINGS =
            new MapDbOutbox.Settings(10_000, Duration.ofSeconds(10), Duration.ofHours(1), 64 * 1024);

    @TempDir
    Path tmp;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", mounted.toString());
        }
    }

    private static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static void fill(Path filler) {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException expected) {
            // no space left on device
        }
    }

    @Test
    void aFullDiskFailsTheAppendKeepsNothingAndTheOutboxWorksAgainWhenSpaceReturns() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("small"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt.toString()),
                "mounting a small tmpfs needs root: disk-full test skipped");
        mounted = mnt;
        Path dir = mnt.resolve("outbox");
        Path filler = mnt.resolve("filler");
        try (MapDbOutbox box = MapDbOutbox.open(dir, 1_000_000, CLOCK, SETTINGS)) {
            box.append(batch(1, 5), Map.of());
            fill(filler);
            OutboxException failure = null;
            for (int i = 0; i < 10_000 && failure == null; i++) {
                long next = box.nextSeq();
                try {
                    box.append(batch(next, 10), Map.of("card-" + next, next));
                } catch (OutboxException e) {
                    failure = e;
                    assertEquals(next, box.nextSeq(), "nextSeq unchanged");
                }
            }
            assertTrue(failure != null, "the disk never filled");
            assertEquals(OutboxException.Reason.IO, failure.reason());
            System.out.println("disk full: " + failure.getMessage());
            assertEquals(box.nextSeq() - 1, box.read(1, 100_000).size(), "exactly the durable events");
            // The journal grows ahead of use (16 KiB at a time): a smaller commit may still fit in
            // blocks the file system already gave it; then the next one fails the same way.
            OutboxException again = null;
            for (int i = 0; i < 100 && again == null; i++) {
                long before = box.nextSeq();
                try {
                    box.append(batch(before, 10), Map.of());
                } catch (OutboxException e) {
                    again = e;
                    assertEquals(before, box.nextSeq(), "nextSeq unchanged");
                }
            }
            assertTrue(again != null && again.reason() == OutboxException.Reason.IO, String.valueOf(again));
            long next = box.nextSeq();
            assertEquals(next - 1, box.read(1, 100_000).size(), "exactly the durable events");

            Files.delete(filler);
            box.append(batch(next, 10), Map.of());
            assertEquals(next + 10, box.nextSeq());
        }
        try (MapDbOutbox box = MapDbOutbox.open(dir, 1_000_000, CLOCK, SETTINGS)) {
            long next = box.nextSeq();
            long expected = 1;
            for (StoredEvent e : box.read(1, 100_000)) {
                assertEquals(expected++, e.seq());
            }
            assertEquals(next, expected);
            assertTrue(box.recoveryNotes().isEmpty());
        }
    }
}
