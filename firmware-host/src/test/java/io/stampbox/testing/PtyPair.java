package io.stampbox.testing;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real pseudo-terminal pair made by {@code socat}, for tests: the unit opens {@link #devicePath()}
 * like a serial scanner; the test plays the scanner by writing to {@link #scannerSide()}. {@link #kill()}
 * unplugs it (SIGKILL to socat, symlinks removed as udev would), {@link #restart()} plugs it back in
 * under the same path. Use with {@code Assumptions.assumeTrue(PtyPair.socatAvailable(), ...)}.
 */
public final class PtyPair implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);

    private final Path device;
    private final Path scannerEnd;
    private final Path log;
    private Process socat;
    private OutputStream scannerSide;
    private InputStream scannerInput;

    private PtyPair(Path dir) {
        this.device = dir.resolve("scanner");
        this.scannerEnd = dir.resolve("scanner-end");
        this.log = dir.resolve("socat.log");
    }

    /** Whether {@code socat} can be run here. */
    public static boolean socatAvailable() {
        try {
            Process probe = new ProcessBuilder("socat", "-V").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts socat with its symlinks in {@code dir} and waits until both ends exist. */
    public static PtyPair start(Path dir) throws IOException {
        PtyPair pair = new PtyPair(dir);
        pair.launch();
        return pair;
    }

    /** The path the unit opens: {@code scanner.port} in the configuration. */
    public Path devicePath() {
        return device;
    }

    /** What a scanner would send; opened on first use, reopened after {@link #restart()}. */
    public synchronized OutputStream scannerSide() throws IOException {
        if (scannerSide == null) {
            scannerSide = new FileOutputStream(scannerEnd.toFile());
        }
        return scannerSide;
    }

    /** What the unit wrote to the scanner (setup commands), for a scripted module; opened on first use. */
    public synchronized InputStream scannerInput() throws IOException {
        if (scannerInput == null) {
            scannerInput = new FileInputStream(scannerEnd.toFile());
        }
        return scannerInput;
    }

    /** Writes {@code bytes} to the scanner side and flushes. */
    public void write(byte[] bytes) throws IOException {
        OutputStream out = scannerSide();
        out.write(bytes);
        out.flush();
    }

    /** Writes {@code text} in UTF-8 followed by CR LF, as most scanners end a code. */
    public void writeLine(String text) throws IOException {
        write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public synchronized boolean alive() {
        return socat != null && socat.isAlive();
    }

    /** Unplugs the scanner: SIGKILL to socat, then removes the symlinks as udev would. */
    public synchronized void kill() throws IOException {
        closeScannerSide();
        if (socat != null) {
            socat.destroyForcibly();
            awaitExit(socat);
            socat = null;
        }
        Files.deleteIfExists(device);
        Files.deleteIfExists(scannerEnd);
    }

    /** Plugs the scanner back in under the same path. */
    public synchronized void restart() throws IOException {
        kill();
        launch();
    }

    @Override
    public synchronized void close() throws IOException {
        kill();
    }

    private synchronized void launch() throws IOException {
        List<String> command = List.of("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + device, "pty,raw,echo=0,link=" + scannerEnd);
        socat = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitLinks();
    }

    private void awaitLinks() {
        Await.until("socat to create " + device + " and " + scannerEnd, READY_TIMEOUT, () -> {
            if (!socat.isAlive()) {
                throw new IOException("socat exited before it created " + device + "; see " + log);
            }
            return Files.exists(device) && Files.exists(scannerEnd);
        }, () -> "see " + log);
    }

    private static void awaitExit(Process process) throws IOException {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for socat to exit", e);
        }
    }

    private void closeScannerSide() throws IOException {
        if (scannerInput != null) {
            InputStream in = scannerInput;
            scannerInput = null;
            in.close();
        }
        if (scannerSide != null) {
            OutputStream out = scannerSide;
            scannerSide = null;
            out.close();
        }
    }
}
