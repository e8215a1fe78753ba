package io.stampbox.ingest;

import io.stampbox.toolkit.Exit;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** {@code run}: consumes until SIGTERM/SIGINT; exits 1 when the database or the broker is not there at start. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Consume scan events (shared subscription) into PostgreSQL until stopped.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--url", defaultValue = "tcp://127.0.0.1:1883",
            description = "broker, tcp://host:port or ssl://host:port; default: ${DEFAULT-VALUE}")
    String url;

    @Option(names = "--root", defaultValue = "stampbox/v1", description = "topic root (the units' mqtt.topicRoot); default: ${DEFAULT-VALUE}")
    String root;

    @Option(names = "--group", defaultValue = "stampbox-ingest", description = "shared subscription group; default: ${DEFAULT-VALUE}")
    String group;

    @Option(names = "--client-id", description = "MQTT client id, stable and distinct per process; default: stampbox-ingest-<host>-<group>")
    String clientId;

    @Option(names = "--username", description = "broker user name")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "file holding the broker password (first line)")
    Path passwordFile;

    @Option(names = "--session-expiry", defaultValue = "86400", paramLabel = "SECONDS",
            description = "how long the broker keeps this process's unacknowledged messages while it is away; default: ${DEFAULT-VALUE}")
    long sessionExpiry;

    @Option(names = "--receive-maximum", defaultValue = "1000",
            description = "unacknowledged messages in flight to this process; default: ${DEFAULT-VALUE}")
    int receiveMaximum;

    @Option(names = "--batch", defaultValue = "500", description = "messages per database transaction, at most; default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--max-bytes", defaultValue = "65536", description = "larger payloads are refused; default: ${DEFAULT-VALUE}")
    int maxBytes;

    @Override
    public Integer call() throws Exception {
        String bad = check();
        if (bad != null) {
            return fail(Exit.USAGE, bad, null);
        }
        EventStore store;
        try {
            store = new EventStore(db::open);
        } catch (SQLException e) {
            return fail(Exit.FAILED, "database " + db.shown() + ": " + Ingestor.oneLine(e), e);
        }
        IngestSettings settings;
        try {
            settings = new IngestSettings(url, clientId == null ? defaultClientId() : clientId, group, root, username,
                    password(), sessionExpiry, receiveMaximum, batch, maxBytes);
        } catch (IOException e) {
            store.close();
            return fail(Exit.USAGE, "--password-file: cannot read " + passwordFile + ": " + e.getMessage(), e);
        }
        SharedConsumer consumer;
        try {
            consumer = new SharedConsumer(settings);
            consumer.connect();
        } catch (MqttException | IllegalArgumentException e) {
            store.close();
            return fail(Exit.FAILED, "broker " + url + ": " + Ingestor.oneLine(e)
                    + (e instanceof MqttException m ? " (reason " + m.getReasonCode() + ")" : ""), e);
        }
        return consume(settings, consumer, store);
    }

    /** Until SIGTERM/SIGINT: then the batch in hand is finished, the client disconnects (the session stays), exit 0. */
    private int consume(IngestSettings settings, SharedConsumer consumer, EventStore store) throws InterruptedException {
        Ingestor ingestor = new Ingestor(consumer, store, new EventParser(root, maxBytes), root, batch);
        Thread worker = new Thread(ingestor, "stampbox-ingest");
        Signal.handle(new Signal("TERM"), s -> ingestor.stop());
        Signal.handle(new Signal("INT"), s -> ingestor.stop());
        LOG.info("ingest {} consuming {} from {} into {}", settings.clientId(), settings.sharedScanFilter(), url, db.shown());
        worker.start();
        worker.join();
        consumer.close();
        store.close();
        LOG.info("ingest {} stopped", settings.clientId());
        return Exit.OK;
    }

    private String check() {
        if (!NAME.matcher(group).matches()) {
            return "--group: must match [A-Za-z0-9_-]{1,64}, got \"" + Escape.text(group, 80) + "\"";
        }
        if (root.isEmpty() || root.contains("+") || root.contains("#") || root.startsWith("/") || root.endsWith("/")) {
            return "--root: must be a topic prefix without wildcards or leading/trailing '/', got \"" + Escape.text(root, 80) + "\"";
        }
        if (clientId != null && (clientId.isEmpty() || clientId.length() > 128)) {
            return "--client-id: must be 1..128 characters";
        }
        if (receiveMaximum < 1 || receiveMaximum > 65535 || batch < 1 || batch > 10_000 || maxBytes < 256 || sessionExpiry < 0) {
            return "--receive-maximum 1..65535, --batch 1..10000, --max-bytes >= 256, --session-expiry >= 0";
        }
        return null;
    }

    private String defaultClientId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_-]", "-");
        } catch (IOException e) {
            host = "host";
        }
        return "stampbox-ingest-" + host + "-" + group;
    }

    private char[] password() throws IOException {
        if (passwordFile == null) {
            return null;
        }
        String first = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        return first.toCharArray();
    }

    private int fail(int code, String message, Exception e) {
        spec.commandLine().getErr().println("stampbox-ingest: " + message);
        if (db.debug && e != null) {
            e.printStackTrace(spec.commandLine().getErr());
        }
        return code;
    }
}
