package io.stampbox.provision;

import io.stampbox.config.UnitConfig;
import io.stampbox.toolkit.BrokerFailures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import io.stampbox.wire.MqttOptions;
import io.stampbox.wire.TlsException;

/**
 * The broker, step by step, so that a failure names its step: DNS, TCP, TLS handshake, MQTT login. The
 * login uses the client id {@code <device.id>-check}, so a running unit is not thrown off, and the options
 * the unit itself uses ({@link MqttOptions}): the same PEM loading, host name verification and session.
 */
final class BrokerCheck {

    private static final String TITLE = "broker";
    static final String MQTT_311_WARNING = "; warning: mqtt.protocol is 3.1.1, under which a publish the broker"
            + " refuses (e.g. by its ACL) still looks delivered and is lost: use 5 where the broker supports it";

    private final UnitConfig unit;
    private final int timeoutSeconds;
    private final Environment.Resolver resolver;

    BrokerCheck(UnitConfig unit, int timeoutSeconds, Environment.Resolver resolver) {
        this.unit = unit;
        this.timeoutSeconds = timeoutSeconds;
        this.resolver = resolver;
    }

    /** Every broker of {@code mqtt.urls} (or the one {@code mqtt.url}); a failure names its URL when there are several. */
    CheckResult run() {
        UnitConfig.Mqtt mqtt = unit.mqtt();
        if (!mqtt.enabled()) {
            return CheckResult.pass(TITLE, "none configured (mqtt.url): the unit keeps every scan until one is");
        }
        if (mqtt.urls().size() == 1) {
            return check(mqtt.url());
        }
        java.util.List<String> fine = new java.util.ArrayList<>();
        for (String url : mqtt.urls()) {
            CheckResult one = check(url);
            if (!one.ok()) {
                return CheckResult.fail(TITLE, url + ": " + one.detail(), one.fix());
            }
            fine.add(url);
        }
        return CheckResult.pass(TITLE, "DNS, TCP" + (fine.get(0).startsWith("ssl") ? ", TLS" : "") + " and login fine at all "
                + fine.size() + " brokers of mqtt.urls (" + String.join(", ", fine) + ")"
                + (mqtt.protocol() == UnitConfig.Protocol.MQTT_3_1_1 ? MQTT_311_WARNING : ""));
    }

    private CheckResult check(String url) {
        UnitConfig.Mqtt mqtt = unit.mqtt();
        URI uri = MqttOptions.uri(url);
        boolean tls = "ssl".equals(uri.getScheme());
        InetAddress address;
        try {
            address = resolver.resolve(uri.getHost())[0];
        } catch (UnknownHostException e) {
            return CheckResult.fail(TITLE, "DNS: cannot resolve " + uri.getHost(),
                    "check the host in mqtt.url and the unit's DNS (resolvectl status)");
        }
        String endpoint = address.getHostAddress() + ":" + uri.getPort();
        MqttOptions options;
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(address, uri.getPort()), timeoutSeconds * 1000);
            } catch (IOException e) {
                return CheckResult.fail(TITLE, "TCP: cannot connect to " + endpoint + " (" + e.getMessage() + ")",
                        "is the broker running and listening there? a firewall may block port " + uri.getPort());
            }
            options = MqttOptions.of(mqtt);
            if (tls) {
                CheckResult handshake = handshake(options, socket, uri);
                if (handshake != null) {
                    return handshake;
                }
            }
        } catch (IOException | TlsException e) {
            return CheckResult.fail(TITLE, "TLS: cannot use the configured PEM files (" + e.getMessage() + ")",
                    "check mqtt.tls.caFile, certFile and keyFile (PEM)");
        }
        return login(options, url, endpoint, tls);
    }

    private CheckResult handshake(MqttOptions options, Socket socket, URI uri) {
        try {
            SSLSocket ssl = (SSLSocket) options.socketFactory().createSocket(socket, uri.getHost(), uri.getPort(), false);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(timeoutSeconds * 1000);
            ssl.startHandshake();
            return null;
        } catch (IOException e) {
            if (BrokerFailures.closedEarly(e) || BrokerFailures.tls(e.getMessage()).equals(BrokerFailures.PLAIN_PORT)) {
                return CheckResult.fail(TITLE, "TLS: handshake with " + uri.getHost() + ":" + uri.getPort() + " failed: the"
                        + " port does not speak TLS (" + e.getMessage() + ")", "mqtt.url: tcp:// for a plain MQTT port, or"
                        + " the broker's TLS port (often 8883) with ssl://");
            }
            return CheckResult.fail(TITLE, "TLS: handshake with " + uri.getHost() + " failed (" + e.getMessage() + ")",
                    "mqtt.tls.caFile must be the CA that signed the broker's certificate, for this host name; "
                            + "check the clock too");
        }
    }

    private CheckResult login(MqttOptions options, String url, String endpoint, boolean tls) {
        Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        try (MqttClient client = new MqttClient(url, unit.device().id() + "-check", new MemoryPersistence())) {
            client.connect(options.v3(timeout, timeout.multipliedBy(2), null));
            client.disconnect();
            return CheckResult.pass(TITLE, "DNS, TCP" + (tls ? ", TLS" : "") + " and login fine at " + endpoint
                    + (unit.mqtt().protocol() == UnitConfig.Protocol.MQTT_3_1_1 ? MQTT_311_WARNING : ""));
        } catch (MqttException e) {
            return CheckResult.fail(TITLE, "login: the broker refused (" + e.getReasonCode() + " " + e.getMessage() + ")",
                    "check mqtt.username and mqtt.password, and that the broker allows this client");
        }
    }
}
