package io.stampbox.provision;

import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.outbox.MapDbOutbox;
import io.stampbox.outbox.OutboxException;
import io.stampbox.outbox.StorageLock;
import io.stampbox.outbox.StoredEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.stampbox.toolkit.Exit;
import io.stampbox.wire.UnitSnapshot;

/**
 * Inspects the outbox and exports its pending events, with the service stopped and without the cloud; on a
 * running unit, only the summary, from the unit's live view ({@link LiveView}).
 * It works on a copy, so the unit's store is never changed, not even by the repairs an open may make, and
 * holds the storage.dir lock while it copies, so a running unit (which holds it) is refused and a unit
 * started meanwhile waits for nothing: it exits 1 and systemd starts it again.
 */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "Show the outbox (depth, oldest, newest) or export its pending events as JSON lines."
                + " On a running unit: the summary from its live view; --export needs the service stopped.")
final class OutboxCommand implements Callable<Integer> {

    private static final int BATCH = 500;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", defaultValue = "/etc/stampbox/config.json", description = "default: ${DEFAULT-VALUE}")
    Path config;
    @Option(names = "--export", paramLabel = "FILE", description = "write every pending event as one JSON line; - for stdout")
    Path export;

    OutboxPlan plan() {
        return new OutboxPlan(config, export);
    }

    @Override
    public Integer call() {
        return run(plan(), Path.of("/proc"), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static int run(OutboxPlan plan, Path proc, PrintWriter out, PrintWriter err) {
        Path dir;
        Path storage;
        try {
            UnitConfig unit = ConfigLoader.load(plan.config());
            storage = unit.storage().dir();
            dir = storage.resolve("outbox");
        } catch (ConfigException e) {
            err.println("✗ config: " + String.join("; ", e.errors()));
            return Exit.USAGE;
        }
        Path copy = null;
        try {
            if (!Files.isDirectory(dir)) {
                err.println("✗ no outbox at " + dir);
                return Exit.FAILED;
            }
            try (StorageLock lock = StorageLock.acquire(storage)) {
                // A unit older than the lock holds files open without it: /proc tells.
                List<Long> users = OutboxUsers.holding(dir, proc);
                if (!users.isEmpty()) {
                    return inUse(plan, storage, proc, out, "storage.dir " + storage.toAbsolutePath().normalize()
                            + " is in use by process "
                            + users.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")), err);
                }
                copy = Files.createTempDirectory("stampbox-outbox-");
                copyTree(dir, copy);
            } catch (StorageLock.InUseException e) {
                return inUse(plan, storage, proc, out, e.getMessage(), err);
            }
            try (MapDbOutbox outbox = MapDbOutbox.open(copy, 100_000_000L, Clock.systemUTC())) {
                // With --export - stdout carries the JSON lines only: the summary goes to stderr.
                summarize(outbox, dir, plan.export() != null && plan.export().toString().equals("-") ? err : out);
                if (plan.export() != null) {
                    long written = export(outbox, plan.export(), out);
                    err.println("exported " + written + " events" + (plan.export().toString().equals("-") ? "" : " to " + plan.export()));
                }
            }
            return Exit.OK;
        } catch (IOException | OutboxException e) {
            err.println("✗ outbox " + dir + ": " + e.getMessage());
            return Exit.FAILED;
        } finally {
            deleteQuietly(copy);
        }
    }

    /**
     * The unit is running: its store is not read (a copy taken under its writes could be torn). The summary
     * comes from its live view (read-only, as {@code status}); an export needs the service stopped.
     */
    private static int inUse(OutboxPlan plan, Path storage, Path proc, PrintWriter out, String message, PrintWriter err) {
        Path view = LiveView.locate(null, storage);
        if (plan.export() != null) {
            err.println("✗ " + message + ": --export reads the store itself and needs the service stopped: systemctl"
                    + " stop stampbox, then run this again (without --export the summary works on a running unit)");
            return Exit.FAILED;
        }
        if (!LiveView.running(view, proc)) {
            err.println("✗ " + message + ": systemctl stop stampbox, then run this again");
            return Exit.FAILED;
        }
        UnitSnapshot.Outbox o = LiveView.read(view, proc).snapshot().outbox();
        out.println("outbox " + storage.resolve("outbox") + " (the unit is running; from its live view " + view + "): "
                + (o.depth() == null ? "unavailable" : o.depth() + " pending") + (o.oldestPendingSeq() == null ? ""
                : ", oldest seq " + o.oldestPendingSeq() + (o.oldestPendingAt() == null ? "" : " scanned "
                + o.oldestPendingAt())) + "; storage " + o.storage());
        out.flush();
        return Exit.OK;
    }

    private static void summarize(MapDbOutbox outbox, Path dir, PrintWriter out) {
        long depth = outbox.depth();
        out.println("outbox " + dir + ": " + depth + " pending, next seq " + outbox.nextSeq());
        if (depth > 0) {
            out.println("  oldest: " + describe(outbox.read(outbox.oldestPendingSeq(), 1)));
            out.println("  newest: " + describe(outbox.read(outbox.nextSeq() - 1, 1)));
        }
        outbox.recoveryNotes().forEach(note -> out.println("  ! " + note));
        out.flush();
    }

    private static String describe(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return "-";
        }
        StoredEvent event = events.get(0);
        return "seq " + event.seq() + " " + ScanSummary.of(event.payload());
    }

    private static long export(MapDbOutbox outbox, Path target, PrintWriter out) throws IOException {
        boolean toStdout = target.toString().equals("-");
        long written = 0;
        try (OutputStream file = toStdout ? null : Files.newOutputStream(target)) {
            long from = outbox.oldestPendingSeq();
            List<StoredEvent> batch = from == 0 ? List.of() : outbox.read(from, BATCH);
            while (!batch.isEmpty()) {
                for (StoredEvent event : batch) {
                    String line = new String(event.payload(), StandardCharsets.UTF_8);
                    if (toStdout) {
                        out.println(line);
                    } else {
                        file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    written++;
                }
                batch = outbox.read(batch.get(batch.size() - 1).seq() + 1, BATCH);
            }
        }
        out.flush();
        return written;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary copy left behind
        }
    }
}
