package io.stampbox.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** File-level chores of the outbox directory: listing, temp clean-up, moving aside, dir fsync. */
final class SegmentFiles {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SegmentFiles() {}

    /** Creates the directory if needed and proves it writable, or says which path is wrong. */
    static void prepare(Path dir) throws OutboxException {
        try {
            Files.createDirectories(dir);
            Path probe = dir.resolve(".write-probe");
            Files.deleteIfExists(probe);
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new OutboxException(OutboxException.Reason.IO,
                    "storage.dir: cannot write to " + dir.toAbsolutePath() + " (" + e + ")", e);
        }
    }

    /**
     * Segment names found in the directory, oldest first; removes leftovers of unfinished creates and
     * deletes.
     */
    static List<SegmentName> list(Path dir) throws IOException {
        List<SegmentName> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.startsWith("seg-") && (n.endsWith(".tmp") || n.endsWith(".tmp.log"))) {
                    Files.deleteIfExists(f);
                } else if (n.startsWith("seg-") && n.endsWith(".db.log")
                        && !Files.exists(f.resolveSibling(n.substring(0, n.length() - 4)))) {
                    Files.deleteIfExists(f); // its store was deleted as acknowledged
                } else {
                    SegmentName.parse(n).ifPresent(names::add);
                }
            }
        }
        names.sort(Comparator.comparingLong(SegmentName::firstSeq));
        return names;
    }

    /** Renames a store that cannot be opened (and its journal) with a timestamp suffix. */
    static Path moveAside(Path file, Clock clock) throws IOException {
        Path target = asideName(file, clock);
        Path journal = CommitJournal.journalOf(file);
        if (Files.exists(journal)) {
            Files.move(journal, target.resolveSibling(target.getFileName() + ".log"),
                    StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(file.getParent());
        return target;
    }

    /** Copies a store and its journal (for forensics) under the names {@link #moveAside} would give. */
    static Path copyAside(Path file, Clock clock) throws IOException {
        Path target = asideName(file, clock);
        Path journal = CommitJournal.journalOf(file);
        if (Files.exists(journal)) {
            copySynced(journal, target.resolveSibling(target.getFileName() + ".log"));
        }
        copySynced(file, target);
        syncDirectory(file.getParent());
        return target;
    }

    private static void copySynced(Path from, Path to) throws IOException {
        Files.copy(from, to);
        try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static Path asideName(Path file, Clock clock) {
        String suffix = ".corrupt-" + STAMP.format(clock.instant());
        Path target = file.resolveSibling(file.getFileName() + suffix);
        for (int i = 1; Files.exists(target); i++) {
            target = file.resolveSibling(file.getFileName() + suffix + "-" + i);
        }
        return target;
    }

    /** Closes and deletes an acknowledged segment (file, journal, then directory fsync); failures are logged. */
    static void delete(Segment s) {
        try {
            s.close();
            Files.deleteIfExists(s.file);
            Files.deleteIfExists(CommitJournal.journalOf(s.file));
            syncDirectory(s.file.getParent());
        } catch (IOException | RuntimeException e) {
            OutboxLog.LOG.warn("outbox {}: cannot delete acknowledged store {}: {}", s.file.getParent(),
                    s.file.getFileName(), e.toString());
        }
    }

    static void deleteWithJournal(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(CommitJournal.journalOf(file));
    }

    /** Makes renames, creations and deletions in the directory durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
