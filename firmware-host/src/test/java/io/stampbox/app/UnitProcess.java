package io.stampbox.app;

import io.stampbox.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The daemon as a child JVM, driven from outside as the contract describes it: a config file, stdin
 * (for the stdin scanner), stdout lines (console signals), signals and exit codes.
 */
public final class UnitProcess implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Path stderr;
    private final OutputStream stdin;

    private UnitProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(this::pump, "unit-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    public static UnitProcess start(Path config, Path workDir, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-XX:+ExitOnOutOfMemoryError"); // as the launcher runs it: an OOM ends the unit
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--config", config.toString()));
        Files.createDirectories(workDir);
        Path stderr = Files.createTempFile(workDir, "unit-", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        // Tests and CI run as root here; the daemon refuses root unless told (contract section 1).
        builder.environment().put(Main.ALLOW_ROOT_ENV, "1");
        return new UnitProcess(builder.start(), stderr);
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                stdout.add(line);
            }
        } catch (IOException e) {
            // the process died: what it printed is in the queue
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Types a line on the unit's stdin, as the stdin scanner reads it. */
    public void type(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    void typeBytes(byte[] bytes) throws IOException {
        stdin.write(bytes);
        stdin.flush();
    }

    /** The next stdout line that matches, skipping others (kept in {@link #seen()}). */
    public String await(Predicate<String> match, Duration timeout) throws InterruptedException {
        String line = Await.next(stdout, timeout, match, seen::add);
        if (line == null) {
            throw new AssertionError("no matching line within " + timeout + "; stdout so far: " + seen
                    + "; stderr: " + stderr());
        }
        return line;
    }

    /** The next stdout line within the timeout, or null. */
    String poll(Duration timeout) throws InterruptedException {
        String line = stdout.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line != null) {
            seen.add(line);
        }
        return line;
    }

    /** Waits for the next SIGNAL line. */
    public String awaitSignal() throws InterruptedException {
        return await(l -> l.startsWith("SIGNAL "), Duration.ofSeconds(20));
    }

    /** stdout lines taken so far, and the ones still queued. */
    public List<String> seen() {
        List<String> all = new ArrayList<>(seen);
        stdout.drainTo(all);
        seen.clear();
        seen.addAll(all);
        return all;
    }

    public String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    /**
     * Waits until the unit has started (a log line on stderr): "ready to scan" (stdin, or a serial scanner
     * that opened), or "started; scans are taken once the scanner ... is open" (a serial scanner not there).
     */
    public void awaitReady() throws InterruptedException {
        Await.until("the unit to be ready to scan", Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("unit exited with " + process.exitValue() + ": " + stderr());
            }
            return stderr().contains("ready to scan") || stderr().contains("Unit: started; scans are taken once");
        }, this::stderr);
    }

    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("unit did not exit within " + timeout + ": " + stderr());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
