package io.stampbox.fleetctl;

import io.stampbox.config.UnitConfig;
import io.stampbox.toolkit.BrokerFailures;
import io.stampbox.toolkit.Failures;
import io.stampbox.toolkit.ToolFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import io.stampbox.wire.MqttOptions;
import io.stampbox.wire.TlsException;
import io.stampbox.wire.Topics;

/** The broker options every {@code stampbox-fleet} command takes, as the unit's {@code mqtt.*} keys. */
final class FleetBroker {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(60);
    private static final String[][] OPTION_NAMES = {{"mqtt.url", "--url"}, {"mqtt.topicRoot", "--root"},
        {"mqtt.tls.caFile", "--ca-file"}, {"mqtt.tls.certFile", "--cert-file"}, {"mqtt.tls.keyFile", "--key-file"}};

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--url", defaultValue = "tcp://127.0.0.1:1883", description = "tcp://host:port or ssl://host:port; default: ${DEFAULT-VALUE}")
    String url;

    @Option(names = "--root", defaultValue = "stampbox/v1", description = "topic root; default: ${DEFAULT-VALUE}")
    String root;

    @Option(names = "--username", description = "broker user name")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "file holding the password (first line)")
    Path passwordFile;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "CA certificate(s) to trust")
    Path caFile;

    @Option(names = "--cert-file", paramLabel = "PEM", description = "client certificate")
    Path certFile;

    @Option(names = "--key-file", paramLabel = "PEM", description = "client key (PKCS#8, PKCS#1 or SEC1, unencrypted)")
    Path keyFile;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "how long to wait; default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    /**
     * One unit's topics.
     *
     * @throws ParameterException (exit 2) naming the problem when the id or the root cannot be used
     */
    Topics unit(String unit) {
        try {
            return new Topics(root, unit);
        } catch (IllegalArgumentException e) {
            throw usage(e);
        }
    }

    /** The fleet-wide desired document's topic. */
    String fleetDesired() {
        try {
            return Topics.fleet(root, Topics.CONFIG_DESIRED);
        } catch (IllegalArgumentException e) {
            throw usage(e);
        }
    }

    /** A filter for one subtopic of every unit under the root. */
    String everyUnit(String subtopic) {
        try {
            return Topics.everyUnit(root, subtopic);
        } catch (IllegalArgumentException e) {
            throw usage(e);
        }
    }

    /** The unit's words for a bad value ({@code mqtt.url: ...}) with this tool's option names. */
    private ParameterException usage(Exception e) {
        String message = String.valueOf(e.getMessage());
        for (String[] key : OPTION_NAMES) {
            if (message.startsWith(key[0] + ":")) {
                message = key[1] + message.substring(key[0].length());
            }
        }
        return new ParameterException(command.commandLine(), message, e);
    }

    /**
     * The broker options as the unit's {@code mqtt} section.
     *
     * @throws ToolFailure (exit 2) when the password file cannot be read
     */
    UnitConfig.Mqtt mqtt() {
        String password = null;
        if (passwordFile != null) {
            try {
                password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            } catch (IOException e) {
                throw ToolFailure.usage("--password-file: " + Failures.describe(e), e);
            }
        }
        UnitConfig.Tls tls = caFile == null && certFile == null && keyFile == null ? null
                : new UnitConfig.Tls(caFile, certFile, keyFile);
        return new UnitConfig.Mqtt(url, root, username, password, tls);
    }

    /**
     * A connected client with its own id, the options the unit uses ({@link MqttOptions}): the PEM files
     * are read as the unit reads them.
     *
     * @throws ParameterException (exit 2) naming the bad option, in the unit's words ({@code mqtt.url},
     *     {@code mqtt.tls.keyFile}, ...)
     * @throws ToolFailure (exit 1) saying why the broker cannot be reached or refused the login
     */
    MqttClient connect() {
        return connect(null);
    }

    /** As {@link #connect()}, with a last will (retained, QoS 1), or none for null. */
    MqttClient connect(MqttOptions.Will will) {
        Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        MqttOptions options;
        try {
            options = MqttOptions.of(mqtt());
        } catch (IllegalArgumentException | TlsException e) {
            throw usage(e);
        }
        MqttClient client = null;
        try {
            client = new MqttClient(url, "stampbox-fleet-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
            client.connect(options.v3(timeout, KEEP_ALIVE, will));
            return client;
        } catch (MqttException | RuntimeException e) {
            if (client != null) {
                close(client);
            }
            throw BrokerFailures.connect(url, e);
        }
    }

    Duration timeout() {
        return Duration.ofSeconds(Math.max(1, timeoutSeconds));
    }

    /** Publishes, in one line (exit 1) when the broker does not take it. */
    void publish(MqttClient client, String topic, byte[] payload, boolean retained) {
        try {
            client.publish(topic, payload, 1, retained);
        } catch (MqttException e) {
            throw lost(e);
        }
    }

    /** A publish or subscribe that failed after the connect, in one line (exit 1). */
    ToolFailure lost(MqttException e) {
        return ToolFailure.failed("the broker at " + url + ": " + BrokerFailures.reason(e), e);
    }

    static void close(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000);
            }
            client.close();
        } catch (MqttException e) {
            // leaving anyway
        }
    }
}
