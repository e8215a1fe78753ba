package io.stampbox.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches one package over HTTPS into {@code part}, resuming with {@code Range} after a cut connection and
 * after a restart, never past the signed {@code size}; then checks size and SHA-256 and moves it to
 * {@code target}. Runs on its own thread ("update-download"); {@link #cancel()} from any thread.
 */
final class Download {

    static final int ATTEMPTS = 5;
    /** Left free in {@code storage.dir} besides the package: the outbox must keep room to append. */
    static final long DISK_MARGIN = 16L * 1024 * 1024;
    private static final int CONNECT_MS = 15_000;
    private static final int READ_MS = 30_000;

    private final URI url;
    private final long size;
    private final String sha256;
    private final SSLSocketFactory tls;
    private final long retryMillis;
    private volatile boolean cancelled;

    Download(URI url, long size, String sha256, SSLSocketFactory tls, long retryMillis) {
        this.url = url;
        this.size = size;
        this.sha256 = sha256;
        this.tls = tls;
        this.retryMillis = retryMillis;
    }

    void cancel() {
        cancelled = true;
    }

    /**
     * Fetches on a new "update-download" thread; {@code done} gets null on success, else the reason.
     */
    void start(Path part, Path target, LongConsumer progress, Consumer<String> done) {
        Thread thread = new Thread(() -> {
            try {
                Files.createDirectories(part.getParent());
                fetch(part, target, progress);
                done.accept(null);
            } catch (UpdateFailed e) {
                done.accept(e.getMessage());
            } catch (IOException | RuntimeException e) {
                done.accept("download failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "update-download");
        thread.setDaemon(true);
        thread.start();
    }

    /** @param progress gets the bytes held so far, now and then */
    void fetch(Path part, Path target, LongConsumer progress) throws UpdateFailed, InterruptedException {
        try {
            if (held(target) == size && digest(target).equals(sha256)) {
                return; // downloaded and checked before a restart
            }
        } catch (IOException e) {
            // fetched again below
        }
        String last = "no attempt";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (cancelled) {
                throw new UpdateFailed("cancelled");
            }
            try {
                if (attempt(part, progress)) {
                    check(part);
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return;
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (noSpace(e)) {
                    delete(part);
                    throw new UpdateFailed("disk full while downloading (" + e.getMessage() + ")");
                }
            }
            Thread.sleep(retryMillis * attempt);
        }
        throw new UpdateFailed("truncated download: " + held(part) + " of " + size + " bytes after " + ATTEMPTS
                + " attempts (last: " + last + ")");
    }

    /** One request: true once {@code part} holds {@code size} bytes. */
    private boolean attempt(Path part, LongConsumer progress) throws IOException, UpdateFailed {
        long have = held(part);
        if (have > size) {
            delete(part);
            have = 0;
        }
        if (have == size) {
            return true;
        }
        long free = Files.getFileStore(part.getParent()).getUsableSpace();
        if (free < size - have + DISK_MARGIN) {
            throw new UpdateFailed("disk full: " + (size - have) + " bytes to download and " + DISK_MARGIN
                    + " to keep free, " + free + " free in " + part.getParent());
        }
        URL at = url.toURL();
        HttpsURLConnection http = (HttpsURLConnection) at.openConnection();
        try {
            if (tls != null) {
                http.setSSLSocketFactory(tls);
            }
            http.setConnectTimeout(CONNECT_MS);
            http.setReadTimeout(READ_MS);
            http.setInstanceFollowRedirects(true);
            if (have > 0) {
                http.setRequestProperty("Range", "bytes=" + have + "-");
            }
            int code = http.getResponseCode();
            if (code == 200) {
                have = 0; // the server ignored the range: start again
            } else if (code != 206 || have == 0) {
                throw new UpdateFailed("the server answered HTTP " + code + " for the package");
            } else if (!("bytes " + have + "-").regionMatches(0, String.valueOf(http.getHeaderField("Content-Range")),
                    0, ("bytes " + have + "-").length())) {
                throw new UpdateFailed("the server answered a range other than the one asked for");
            }
            long length = http.getContentLengthLong();
            if (length >= 0 && have + length > size) {
                throw new UpdateFailed("larger than the signed size: the server has " + (have + length)
                        + " bytes, the order says " + size);
            }
            boolean complete = length >= 0 && have + length == size;
            long got = copy(http.getInputStream(), part, have, progress);
            if (got > size) {
                delete(part);
                throw new UpdateFailed("larger than the signed size: more than " + size + " bytes");
            }
            if (got < size && length >= 0 && !complete) {
                throw new UpdateFailed("truncated: the server has " + (have + length) + " bytes, the order says "
                        + size);
            }
            return got == size;
        } finally {
            http.disconnect();
        }
    }

    private long copy(InputStream in, Path part, long have, LongConsumer progress) throws IOException {
        StandardOpenOption mode = have == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND;
        long got = have;
        try (in; OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                mode)) {
            byte[] buffer = new byte[64 * 1024];
            long reported = got;
            int n;
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, size + 1 - got))) > 0) {
                if (cancelled) {
                    throw new IOException("cancelled");
                }
                out.write(buffer, 0, n);
                got += n;
                if (got > size) {
                    return got;
                }
                if (got - reported >= 1024 * 1024) {
                    progress.accept(got);
                    reported = got;
                }
            }
        }
        progress.accept(got);
        return got;
    }

    private void check(Path part) throws IOException, UpdateFailed {
        long have = held(part);
        if (have != size) {
            throw new UpdateFailed("size mismatch: " + have + " bytes, the order says " + size);
        }
        String digest = digest(part);
        if (!digest.equals(sha256)) {
            delete(part);
            throw new UpdateFailed("digest mismatch: the package's SHA-256 is " + digest + ", the order says " + sha256);
        }
    }

    static String digest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long held(Path part) {
        try {
            return Files.isRegularFile(part) ? Files.size(part) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void delete(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // the next attempt truncates it
        }
    }

    private static boolean noSpace(IOException e) {
        return String.valueOf(e.getMessage()).contains("No space left");
    }
}
