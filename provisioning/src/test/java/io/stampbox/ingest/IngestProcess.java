package io.stampbox.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code stampbox-ingest run} as a child JVM ({@code java -cp}), its log in a file; killed or stopped by signal. */
final class IngestProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private IngestProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static IngestProcess start(Path dir, String name, String... args) throws IOException {
        return start(dir, name, List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"), args);
    }

    /** @param jvm the child JVM's options (the launcher, {@code bin/stampbox-ingest}, sets none) */
    static IngestProcess start(Path dir, String name, List<String> jvm, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        command.addAll(List.of("-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), Main.class.getName(), "run"));
        command.addAll(List.of(args));
        Path log = dir.resolve(name + "-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("STAMPBOX_LOG_LEVEL", "INFO"); // the tools log warnings only by default; the test reads INFO lines
        Process p = builder.start();
        return new IngestProcess(p, log);
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** True once the process has connected and subscribed (its start line is in the log). */
    boolean consuming() {
        return log().contains(" consuming $share/");
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no disconnect, no PUBACK for what it held. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, and the exit code (-1 when it did not end in time). */
    int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(15, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
