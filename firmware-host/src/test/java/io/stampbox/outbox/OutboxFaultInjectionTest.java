package io.stampbox.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer is killed by strace at every single write-side syscall it makes — each pwrite64 (journal
 * records, checkpoints), fdatasync/fsync, rename, unlink and ftruncate — one run per syscall
 * number N: {@code strace -f -e inject=<syscall>:signal=KILL:when=N}. The run covers store creation,
 * commits, checkpoints, rotation, segment deletion and close. After each kill the outbox must open
 * with nothing moved aside and every acknowledged event in place.
 */
@ProcessTest
@SlowTest
class OutboxFaultInjectionTest {

    /** The store's write-side syscalls; the property may add ",write" (stdout, the dir probe). */
    static final List<String> SYSCALLS = List.of(System.getProperty("outbox.inject.syscalls",
            "pwrite64,fdatasync,fsync,rename,unlink,ftruncate").split(","));
    static final String BATCHES = System.getProperty("outbox.inject.batches", "6");

    @TempDir
    Path tmp;

    @Test
    void noAcknowledgedEventIsLostWhenTheWriterIsKilledAtAnyWriteSyscall() throws Exception {
        assumeTrue(straceWorks(), "strace missing or not permitted (ptrace): fault injection skipped");
        Map<String, Integer> counts = countSyscalls();
        assertTrue(counts.values().stream().mapToInt(Integer::intValue).sum() > 10,
                "syscalls seen: " + counts);
        List<Callable<Void>> runs = new ArrayList<>();
        for (String syscall : SYSCALLS) {
            for (int n = 1; n <= counts.get(syscall); n++) {
                int at = n;
                runs.add(() -> killAt(syscall, at));
            }
        }
        CrashSupport.runAll(runs);
        System.out.println("outbox fault injection: " + runs.size() + " kills at " + counts
                + ", all passed");
    }

    private Void killAt(String syscall, int n) throws Exception {
        String context = syscall + " #" + n;
        Path dir = tmp.resolve("run-" + syscall + "-" + n);
        // No --seccomp-bpf: with it strace 6.1 injects at the first invocation only.
        List<String> cmd = new ArrayList<>(List.of("strace", "-f", "-qq",
                "-o", "/dev/null", "-e", "trace=" + syscall,
                "-e", "inject=" + syscall + ":signal=KILL:when=" + n));
        cmd.addAll(CrashSupport.childCommand(tmp, dir, "fixed", BATCHES));
        CrashSupport.Child child = CrashSupport.Child.start(cmd, tmp.resolve(dir + ".err"));
        List<String> lines = child.finish(new ArrayList<>(), Duration.ofSeconds(60));
        assertFalse(lines.contains("DONE"), context + ": the injected kill did not happen: " + lines);
        CrashSupport.verify(dir, CrashSupport.maxAcknowledged(lines), context);
        CrashSupport.deleteTree(dir);
        return null;
    }

    /** Runs the child once under strace and counts each syscall on the thread that writes most. */
    private Map<String, Integer> countSyscalls() throws Exception {
        Path dir = tmp.resolve("count");
        Path trace = tmp.resolve("count.trace");
        List<String> cmd = new ArrayList<>(List.of("strace", "-f", "-qq",
                "-o", trace.toString(), "-e", "trace=" + String.join(",", SYSCALLS)));
        cmd.addAll(CrashSupport.childCommand(tmp, dir, "fixed", BATCHES));
        CrashSupport.Child child = CrashSupport.Child.start(cmd, tmp.resolve("count.err"));
        List<String> lines = child.finish(new ArrayList<>(), Duration.ofSeconds(60));
        assertTrue(lines.contains("DONE"), "count run failed: " + lines);
        Pattern call = Pattern.compile("^(\\d+)\\s+(\\w+)\\((\"[^\"]*)?");
        Map<String, Map<String, Integer>> byThread = new HashMap<>();
        for (String line : Files.readAllLines(trace)) {
            Matcher m = call.matcher(line);
            // Path syscalls count only inside the store (the JVM unlinks lz4's .so at exit).
            if (m.find() && (m.group(3) == null || m.group(3).contains(dir.toString()))) {
                byThread.computeIfAbsent(m.group(1), t -> new HashMap<>())
                        .merge(m.group(2), 1, Integer::sum);
            }
        }
        Map<String, Integer> writer = byThread.values().stream()
                .max((a, b) -> Integer.compare(a.getOrDefault("pwrite64", 0),
                        b.getOrDefault("pwrite64", 0)))
                .orElseThrow();
        long otherWriters = byThread.values().stream().filter(t -> t != writer)
                .filter(t -> t.containsKey("pwrite64") || t.containsKey("fdatasync")).count();
        assertEquals(0, otherWriters, "store writes on more than one thread: " + byThread);
        Map<String, Integer> counts = new LinkedHashMap<>();
        SYSCALLS.forEach(s -> counts.put(s, writer.getOrDefault(s, 0)));
        System.out.println("outbox fault injection: syscalls of the writer thread " + counts);
        return counts;
    }

    private static boolean straceWorks() {
        try {
            Process p = new ProcessBuilder("strace", "-qq", "-o", "/dev/null", "true")
                    .redirectErrorStream(true).start();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
