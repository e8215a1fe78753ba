package io.stampbox.wire;

import io.stampbox.config.UnitConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * How the unit and the tools connect to the broker, decided once: a {@code tcp://host:port} or
 * {@code ssl://host:port} URL, user name and password when set, TLS from the {@code mqtt.tls} PEM files
 * ({@link TlsSockets}) with the broker's host name verified, a clean session, no automatic reconnect
 * (callers that want it turn it on), and the last will where the unit needs one.
 *
 * <p>The TLS files are read once, when this is made; every {@link #v3} or {@link #v5} call gives fresh
 * Paho options: mqttv3 for MQTT 3.1.1, mqttv5 for MQTT 5, the same choices in both.
 */
public final class MqttOptions {

    /** A retained QoS 1 message the broker publishes when the client goes away without a DISCONNECT. */
    public record Will(String topic, byte[] payload) {}

    private final UnitConfig.Mqtt mqtt;
    private final URI uri;
    private final SSLSocketFactory tls;

    private MqttOptions(UnitConfig.Mqtt mqtt, URI uri, SSLSocketFactory tls) {
        this.mqtt = mqtt;
        this.uri = uri;
        this.tls = tls;
    }

    /**
     * Checks the URL and, for {@code ssl://}, reads the TLS files.
     *
     * @throws IllegalArgumentException naming {@code mqtt.url} when the URL is not usable
     * @throws TlsException naming the {@code mqtt.tls} field when a PEM file cannot be used
     */
    public static MqttOptions of(UnitConfig.Mqtt mqtt) {
        URI uri = uri(mqtt.url());
        for (String other : mqtt.urls()) {
            if (!uri(other).getScheme().equals(uri.getScheme())) {
                throw new IllegalArgumentException("mqtt.urls: mixes tcp:// and ssl://, got \"" + other + "\"");
            }
        }
        return new MqttOptions(mqtt, uri, isTls(uri) ? TlsSockets.factory(mqtt.tls()) : null);
    }

    /**
     * The broker URL, checked: {@code tcp://host:port} or {@code ssl://host:port}, no path.
     *
     * @throws IllegalArgumentException naming {@code mqtt.url}
     */
    public static URI uri(String url) {
        if (url == null) {
            throw new IllegalArgumentException("mqtt.url: not set");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("mqtt.url: not a valid URL (" + e.getReason() + "), got \"" + url + "\"");
        }
        if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
            throw new IllegalArgumentException("mqtt.url: must be tcp://host:port or ssl://host:port, got \"" + url + "\"");
        }
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65_535) {
            throw new IllegalArgumentException("mqtt.url: must name a host and a port (1..65535), got \"" + url + "\"");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("mqtt.url: must be tcp://host:port or ssl://host:port without a path,"
                    + " got \"" + url + "\"");
        }
        return uri;
    }

    private static boolean isTls(URI uri) {
        return "ssl".equals(uri.getScheme());
    }

    public String url() {
        return mqtt.url();
    }

    public URI uri() {
        return uri;
    }

    public boolean tls() {
        return tls != null;
    }

    /** The TLS socket factory for {@code ssl://}, null for {@code tcp://}. */
    public SSLSocketFactory socketFactory() {
        return tls;
    }

    /**
     * MQTT 3.1.1 options for Paho mqttv3.
     *
     * @param timeout how long the connect (TCP, TLS handshake, CONNACK) may take; whole seconds, at least 1
     * @param keepAlive the MQTT keep-alive; whole seconds, at least 1
     * @param will the last will, or null for none
     */
    public MqttConnectOptions v3(Duration timeout, Duration keepAlive, Will will) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(seconds(timeout));
        o.setKeepAliveInterval(seconds(keepAlive));
        if (will != null) {
            o.setWill(will.topic(), will.payload(), 1, true);
        }
        if (mqtt.username() != null) {
            o.setUserName(mqtt.username());
        }
        if (mqtt.password() != null) {
            o.setPassword(mqtt.password().toCharArray());
        }
        if (tls != null) {
            o.setSocketFactory(tls);
            o.setHttpsHostnameVerificationEnabled(true);
        }
        return o;
    }

    /**
     * MQTT 5 options for Paho mqttv5: as {@link #v3}, plus a clean start with session expiry 0 (the
     * broker keeps nothing for us after a disconnect: the unit's outbox, not the broker, holds what is
     * not delivered, and subscriptions are made again on every connect) and the largest packet the
     * client accepts (the broker must not send larger ones: MQTT 5 section 3.1.2.11.4).
     *
     * @param maximumPacketSize bytes; 0 for no limit
     */
    public MqttConnectionOptions v5(Duration timeout, Duration keepAlive, Will will, long maximumPacketSize) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(seconds(timeout));
        o.setKeepAliveInterval(seconds(keepAlive));
        if (maximumPacketSize > 0) {
            o.setMaximumPacketSize(maximumPacketSize);
        }
        if (will != null) {
            MqttMessage message = new MqttMessage(will.payload(), 1, true, null);
            o.setWill(will.topic(), message);
        }
        if (mqtt.username() != null) {
            o.setUserName(mqtt.username());
        }
        if (mqtt.password() != null) {
            o.setPassword(mqtt.password().getBytes(StandardCharsets.UTF_8));
        }
        if (tls != null) {
            o.setSocketFactory(tls);
            o.setHttpsHostnameVerificationEnabled(true);
        }
        return o;
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, d.toSeconds());
    }
}
