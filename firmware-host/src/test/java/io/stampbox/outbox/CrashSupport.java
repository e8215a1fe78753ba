package io.stampbox.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.Await;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Starting the crash child, following its output, and checking the outbox it left behind. */
final class CrashSupport {

    static final String EOF = "\u0000EOF";

    private CrashSupport() {}

    private static List<String> jvmOptions;

    /** The java command for {@link OutboxCrashChild}, started fast, on the test classpath. */
    static List<String> childCommand(Path tmp, Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(jvmOptions());
        cmd.add("-Djava.io.tmpdir=" + tmp);
        cmd.add(OutboxCrashChild.class.getName());
        cmd.add(dir.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * java, fast-start flags and the classpath; with a class-data archive of the child's classes when
     * the JVM can make one (it needs jars, so the class directories are packed into one first). That
     * takes a JVM start from about 0.9 s to 0.55 s here, which is what makes hundreds of cycles cheap.
     */
    private static synchronized List<String> jvmOptions() throws Exception {
        if (jvmOptions != null) {
            return jvmOptions;
        }
        Path work = Files.createDirectories(Path.of("target", "crash-child").toAbsolutePath());
        List<String> classpath = new ArrayList<>();
        Path jar = work.resolve("child-classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isDirectory(p)) {
                    addTree(out, p);
                } else {
                    classpath.add(entry);
                }
            }
        }
        classpath.add(0, jar.toString());
        List<String> base = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:-UsePerfData", "-Xmx96m",
                "-XX:+UseSerialGC", "-cp", String.join(File.pathSeparator, classpath));
        Path archive = work.resolve("child.jsa");
        Files.deleteIfExists(archive);
        List<String> dump = new ArrayList<>(base);
        dump.add(1, "-XX:ArchiveClassesAtExit=" + archive);
        dump.addAll(List.of("-Djava.io.tmpdir=" + work, OutboxCrashChild.class.getName(),
                work.resolve("archive-run").toString(), "fixed", "8"));
        Process p = new ProcessBuilder(dump).redirectErrorStream(true)
                .redirectOutput(work.resolve("archive-run.log").toFile()).start();
        boolean archived = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0
                && Files.exists(archive);
        List<String> options = new ArrayList<>(base);
        if (archived) {
            options.add(1, "-XX:SharedArchiveFile=" + archive);
        }
        jvmOptions = List.copyOf(options);
        return jvmOptions;
    }

    private static void addTree(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    /** A running child whose stdout lines arrive in a queue, ending with {@link #EOF}. */
    record Child(Process process, BlockingQueue<String> lines) {

        static Child start(List<String> command, Path stderr) throws IOException {
            Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread t = new Thread(() -> pump(p, lines), "crash-child-stdout");
            t.setDaemon(true);
            t.start();
            return new Child(p, lines);
        }

        private static void pump(Process p, BlockingQueue<String> lines) {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("IOERROR " + e);
            } finally {
                lines.add(EOF);
            }
        }

        /** Takes lines until one starts with {@code prefix}; false at the deadline or the end. */
        boolean awaitLine(String prefix, Duration timeout, List<String> seen) {
            String line = Await.next(lines, timeout, l -> l.equals(EOF) || l.startsWith(prefix), l -> {
                if (!l.equals(EOF)) {
                    seen.add(l);
                }
            });
            return line != null && !line.equals(EOF);
        }

        /** Waits for the process to end and returns every line it printed after {@code seen}. */
        List<String> finish(List<String> seen, Duration timeout) throws InterruptedException {
            assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "child did not end");
            awaitLine(EOF, timeout, seen);
            return seen;
        }
    }

    /** The highest seq the child reported as durably appended, or 0. */
    static long maxAcknowledged(List<String> lines) {
        long max = 0;
        for (String line : lines) {
            if (line.startsWith("ACK ")) {
                max = Math.max(max, Long.parseLong(line.substring(4).trim()));
            }
        }
        return max;
    }

    /**
     * Opens the outbox the child left and checks it: it opens without moving anything aside, every
     * pending seq from the oldest to nextSeq - 1 is there once with its own payload, and nothing the
     * child was told is durable is missing.
     *
     * @return nextSeq
     */
    static long verify(Path dir, long maxAcked, String context) throws Exception {
        try (MapDbOutbox box = MapDbOutbox.open(dir, 1_000_000, Clock.systemUTC(),
                OutboxCrashChild.settings(Duration.ofHours(1)))) {
            assertEquals(List.of(), box.recoveryNotes(), context);
            long next = box.nextSeq();
            assertTrue(next > maxAcked, context + ": nextSeq " + next + " but seq " + maxAcked
                    + " was acknowledged");
            long expected = box.depth() == 0 ? next : box.oldestPendingSeq();
            for (StoredEvent e : box.read(0, Integer.MAX_VALUE)) {
                assertEquals(expected, e.seq(), context + ": gap or duplicate");
                assertArrayEquals(OutboxCrashChild.payload(e.seq()), e.payload(), context + ": payload");
                expected++;
            }
            assertEquals(next, expected, context + ": events missing before nextSeq " + next);
            assertEquals(next - expected + box.depth(), box.depth(), context);
            assertNoCorruptFiles(dir, context);
            return next;
        }
    }

    static void assertNoCorruptFiles(Path dir, String context) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> corrupt = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.contains(".corrupt-")).toList();
            assertEquals(List.of(), corrupt, context);
        }
    }

    /** Runs crash runs on {@code -Doutbox.crash.parallel} workers (default 2); fails on the first failure. */
    static void runAll(List<Callable<Void>> runs) throws Exception {
        int workers = Integer.getInteger("outbox.crash.parallel", 2);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (Future<Void> f : pool.invokeAll(runs)) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }
}
