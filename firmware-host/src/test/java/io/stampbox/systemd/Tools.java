package io.stampbox.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command line tool for a test: its exit code and its output (stdout and stderr merged). */
final class Tools {

    record Result(int exitCode, String output) {}

    private Tools() {}

    /** The repository's {@code systemd/} directory, seen from the module's directory where tests run. */
    static Path systemdDir() {
        return Path.of("..", "systemd").toAbsolutePath().normalize();
    }

    static boolean available(String... probe) {
        try {
            return run(List.of(probe)).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(process.exitValue(), output);
    }
}
