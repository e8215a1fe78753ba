package io.stampbox.provision;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A socat pty pair: the unit opens {@link #device()}; the test plays the scanner on the other end. */
final class SocatPty implements AutoCloseable {

    private final Path device;
    private final Path scannerEnd;
    private final Process socat;

    private SocatPty(Path dir) throws IOException {
        device = dir.resolve("scanner");
        scannerEnd = dir.resolve("scanner-end");
        socat = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + device, "pty,raw,echo=0,link=" + scannerEnd))
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
    }

    static boolean available() {
        try {
            return new ProcessBuilder("socat", "-V").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static SocatPty start(Path dir) throws IOException {
        SocatPty pty = new SocatPty(dir);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(Files.exists(pty.device) && Files.exists(pty.scannerEnd))) {
            if (!pty.socat.isAlive() || System.nanoTime() > deadline) {
                pty.close();
                throw new IOException("socat did not make " + pty.device);
            }
            Thread.onSpinWait();
        }
        return pty;
    }

    Path device() {
        return device;
    }

    /** Writes {@code code} + CR every 100 ms on a daemon thread until the pty is closed. */
    void keepScanning(String code) {
        Thread thread = new Thread(() -> {
            try (OutputStream out = new FileOutputStream(scannerEnd.toFile())) {
                while (socat.isAlive()) {
                    out.write((code + "\r").getBytes());
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the pty is gone
            }
        }, "test-scanner");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        socat.destroyForcibly();
        try {
            socat.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
