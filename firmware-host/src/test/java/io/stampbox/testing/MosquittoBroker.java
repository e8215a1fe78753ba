package io.stampbox.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto process for tests, on a free port of 127.0.0.1, with its own config file in a
 * directory the test owns. Stop, kill and restart keep the port. Close it (try-with-resources).
 *
 * <pre>{@code
 * try (MosquittoBroker broker = MosquittoBroker.builder(tempDir).start()) { broker.url(); ... }
 * }</pre>
 */
public final class MosquittoBroker implements AutoCloseable {

    private static final long READY_TIMEOUT_MS = 10_000;

    private final Builder config;
    private final int port;
    private Process process;

    private MosquittoBroker(Builder config, int port) {
        this.config = config;
        this.port = port;
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** What the broker is started with; every option is a mosquitto.conf line. */
    public static final class Builder {
        private final Path dir;
        private final List<String> lines = new ArrayList<>();
        private boolean tls;
        private boolean anonymous = true;
        private boolean persistence;
        private boolean anonymousAlways;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** TLS listener: server certificate and key, the CA that client certificates must chain to. */
        public Builder tls(Path caFile, Path certFile, Path keyFile, boolean requireCertificate) {
            tls = true;
            lines.add("cafile " + caFile);
            lines.add("certfile " + certFile);
            lines.add("keyfile " + keyFile);
            lines.add("require_certificate " + requireCertificate);
            return this;
        }

        /** Users made with {@code mosquitto_passwd}; anonymous clients are then refused. */
        public Builder user(String name, String password) {
            Path file = dir.resolve("passwd");
            run(List.of("mosquitto_passwd", "-b", "-c", file.toString(), name, password));
            lines.add("password_file " + file);
            anonymous = false;
            return this;
        }

        /**
         * An ACL file ({@code acl_file}) with these lines; {@link MosquittoBroker#acl} rewrites it and makes
         * the running broker reload it.
         */
        public Builder acl(String... rules) {
            writeAcl(dir, rules);
            lines.add("acl_file " + dir.resolve("acl"));
            lines.add("log_type information"); // "Reloading config." after SIGHUP
            return this;
        }

        /** Any other mosquitto.conf line, e.g. {@code max_inflight_messages 1000}. */
        public Builder option(String line) {
            lines.add(line);
            return this;
        }

        /** Anonymous clients allowed even with a password file (they get the ACL's lines before any user). */
        public Builder allowAnonymous() {
            anonymousAlways = true;
            return this;
        }

        /** Keeps sessions and queued messages across a clean {@link #restart()} (a SIGTERM saves them). */
        public Builder persistence() {
            persistence = true;
            return this;
        }

        public MosquittoBroker start() {
            return startOn(freePort());
        }

        /** Starts on a given port, e.g. one a client was already told to use. */
        public MosquittoBroker startOn(int port) {
            MosquittoBroker broker = new MosquittoBroker(this, port);
            broker.launch();
            return broker;
        }

        private String conf(int port) {
            List<String> all = new ArrayList<>();
            all.add("user root");
            all.add("per_listener_settings false");
            all.add("allow_anonymous " + (anonymous || anonymousAlways));
            all.add("persistence " + persistence);
            if (persistence) {
                all.add("persistence_location " + dir.resolve("db") + "/");
                all.add("autosave_interval 0");
            }
            // Not 0 ("no limit"): mosquitto 2.0.11 with 0 closes an MQTT 5 client's connection right after
            // it answers a denied QoS 1 publish with PUBACK 135 ("Bad socket read/write: Unknown error").
            all.add("max_queued_messages 1000000");
            all.add("log_dest file " + dir.resolve("mosquitto.log"));
            all.add("log_type error");
            all.add("log_type warning");
            all.add("log_type notice");
            all.add("listener " + port + " 127.0.0.1");
            all.addAll(lines);
            return String.join("\n", all) + "\n";
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return (config.tls ? "ssl" : "tcp") + "://127.0.0.1:" + port;
    }

    /** The broker's log so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(config.dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Rewrites the ACL file and makes mosquitto reload it (SIGHUP), waiting until its log says so. */
    public void acl(String... rules) {
        writeAcl(config.dir, rules);
        int before = log().split("Reloading config", -1).length;
        run(List.of("kill", "-HUP", Long.toString(process.pid())));
        Await.until("mosquitto reloaded its ACL", Duration.ofSeconds(10),
                () -> log().split("Reloading config", -1).length > before, this::log);
    }

    private static void writeAcl(Path dir, String... rules) {
        try {
            Files.writeString(dir.resolve("acl"), String.join("\n", rules) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the ACL file: " + e, e);
        }
    }

    /** Clean stop (SIGTERM): clients see the connection close; a persistent broker saves its state. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            await(process);
        }
    }

    /** SIGKILL: the broker vanishes without a word. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            await(process);
        }
    }

    /** Starts again on the same port. */
    public void restart() {
        stop();
        launch();
    }

    public void launch() {
        try {
            Files.createDirectories(config.dir.resolve("db"));
            Path conf = config.dir.resolve("mosquitto-" + port + ".conf");
            Files.writeString(conf, config.conf(port), StandardCharsets.UTF_8);
            process = new ProcessBuilder("mosquitto", "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(config.dir.resolve("mosquitto.out").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start mosquitto: " + e, e);
        }
        awaitListening();
    }

    private void awaitListening() {
        Await.until("mosquitto listening on " + port, Duration.ofMillis(READY_TIMEOUT_MS), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }, this::log);
    }

    @Override
    public void close() {
        kill();
    }

    private static void await(Process p) {
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e, e);
        }
    }

    /** Runs a command line tool (openssl, mosquitto_passwd) and fails with its output. */
    static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}
