package io.stampbox.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;

/**
 * One process per {@code storage.dir}: an exclusive lock on {@code storage.dir/.lock} (a POSIX record
 * lock through {@link FileChannel#tryLock()}, released by the kernel when the process ends, however it
 * ends), with the holder's pid written in the file for the message the next one gets. The daemon takes
 * it before it opens or cleans anything in the directory and holds it until it exits; the installer's
 * outbox tool takes it while it copies the store.
 *
 * <p>POSIX locks belong to the process and are dropped when any descriptor of the file is closed, so a
 * process takes this lock once and never opens {@code .lock} otherwise.
 */
public final class StorageLock implements AutoCloseable {

    /** The lock file's name inside {@code storage.dir}. */
    public static final String FILE = ".lock";

    /** Another process holds the directory; the message is what to print. */
    public static final class InUseException extends Exception {
        private final long pid;

        InUseException(Path dir, long pid) {
            super("storage.dir " + dir + " is in use by process " + (pid > 0 ? pid : "(unknown pid)"));
            this.pid = pid;
        }

        /** The holder's pid as it wrote it, or -1 when unknown. */
        public long pid() {
            return pid;
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private StorageLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} when missing and takes its lock, or says who holds it.
     *
     * @throws InUseException another process (or this one, through another {@code StorageLock}) holds it
     * @throws IOException the directory or the lock file cannot be created or written
     */
    public static StorageLock acquire(Path dir) throws InUseException, IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        Path file = absolute.resolve(FILE);
        boolean created = !Files.exists(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            long pid = readPid(channel);
            channel.close();
            throw new InUseException(absolute, pid);
        }
        try {
            if (created) {
                giveToDirectoryOwner(file, absolute);
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new StorageLock(channel, lock);
    }

    /** A root-run tool must not leave a lock file the service user cannot open. */
    private static void giveToDirectoryOwner(Path file, Path dir) throws IOException {
        UserPrincipal owner = Files.getOwner(dir);
        if (!owner.equals(Files.getOwner(file))) {
            Files.setOwner(file, owner);
        }
    }

    private static long readPid(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            channel.read(buf, 0);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Releases the lock (the pid stays in the file; it means nothing without the lock). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            OutboxLog.LOG.debug("storage lock: release failed: {}", e.toString());
        }
    }
}
