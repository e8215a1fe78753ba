package io.stampbox.fleetctl;

import io.stampbox.config.UnitConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import picocli.CommandLine.Option;
import io.stampbox.wire.TlsSockets;

/** The broker options every {@code stampbox-fleet} command takes, as the unit's {@code mqtt.*} keys. */
final class FleetBroker {

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

    @Option(names = "--key-file", paramLabel = "PEM", description = "client key (PKCS#8)")
    Path keyFile;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "how long to wait; default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    String topic(String unitOrFleet, String subtopic) {
        return root + "/" + unitOrFleet + "/" + subtopic;
    }

    /** A connected client with a clean session and its own id. */
    MqttClient connect() throws MqttException, IOException, GeneralSecurityException {
        MqttClient client = new MqttClient(url, "stampbox-fleet-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(Math.max(1, timeoutSeconds));
        if (username != null) {
            options.setUserName(username);
        }
        if (passwordFile != null) {
            String password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            options.setPassword(password.toCharArray());
        }
        if (url.startsWith("ssl://")) {
            options.setSocketFactory(TlsSockets.factory(new UnitConfig.Tls(caFile, certFile, keyFile)));
            options.setHttpsHostnameVerificationEnabled(true);
        }
        client.connect(options);
        return client;
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
