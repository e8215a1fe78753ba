package io.stampbox.outbox;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test child: {@code StorageLockHolder DIR READYFILE} takes the lock, creates READYFILE, sleeps until killed. */
public final class StorageLockHolder {

    private StorageLockHolder() {}

    public static void main(String[] args) throws Exception {
        StorageLock lock = StorageLock.acquire(Path.of(args[0]));
        Files.createFile(Path.of(args[1]));
        Thread.sleep(120_000);
        lock.close();
    }
}
