package io.stampbox.scan.profile;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A socat pty pair for a scripted module: the unit opens {@link #device()}; the module's side is read
 * and written through {@link #moduleIn()} and {@link #moduleOut()}.
 */
final class ModulePty implements AutoCloseable {

    private final Path device;
    private final Path moduleEnd;
    private final Process socat;
    private InputStream in;
    private OutputStream out;

    private ModulePty(Path dir) throws IOException {
        device = dir.resolve("gm65");
        moduleEnd = dir.resolve("gm65-module");
        socat = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + device,
                "pty,raw,echo=0,link=" + moduleEnd)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile()).start();
    }

    static boolean socatAvailable() {
        try {
            return new ProcessBuilder("socat", "-V").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static ModulePty start(Path dir) throws IOException {
        ModulePty pty = new ModulePty(dir);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(Files.exists(pty.device) && Files.exists(pty.moduleEnd))) {
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

    synchronized InputStream moduleIn() throws IOException {
        if (in == null) {
            in = new FileInputStream(moduleEnd.toFile());
        }
        return in;
    }

    synchronized OutputStream moduleOut() throws IOException {
        if (out == null) {
            out = new FileOutputStream(moduleEnd.toFile());
        }
        return out;
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
