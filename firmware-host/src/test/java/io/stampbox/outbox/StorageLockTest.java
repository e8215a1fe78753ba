package io.stampbox.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.stampbox.testing.ProcessTest;

/** The storage.dir lock between processes (a real second JVM holds it) and within one. */
@ProcessTest
class StorageLockTest {

    @TempDir
    Path dir;

    @Test
    void heldByAnotherProcessSaysWhichAndIsFreeOnceItEnds() throws Exception {
        Path ready = dir.resolve("ready");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StorageLockHolder.class.getName(),
                dir.resolve("store").toString(), ready.toString()).inheritIO().start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(ready) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(ready), "holder did not take the lock");
            StorageLock.InUseException e = assertThrows(StorageLock.InUseException.class,
                    () -> StorageLock.acquire(dir.resolve("store")));
            assertEquals(holder.pid(), e.pid());
            assertEquals("storage.dir " + dir.resolve("store") + " is in use by process " + holder.pid(), e.getMessage());
        } finally {
            holder.destroyForcibly().waitFor();
        }
        try (StorageLock lock = StorageLock.acquire(dir.resolve("store"))) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve("store/.lock")));
        }
    }

    @Test
    void aSecondLockInTheSameProcessIsRefusedToo() throws Exception {
        try (StorageLock lock = StorageLock.acquire(dir)) {
            StorageLock.InUseException e = assertThrows(StorageLock.InUseException.class, () -> StorageLock.acquire(dir));
            assertEquals(ProcessHandle.current().pid(), e.pid());
        }
        StorageLock.acquire(dir).close();
    }
}
