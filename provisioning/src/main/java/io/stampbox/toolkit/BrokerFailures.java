package io.stampbox.toolkit;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Why talking to a broker failed, in a few words a person can act on, from what Paho and the JDK throw
 * (reason codes, nested causes): "connection refused", "the port does not speak TLS", "bad user name or
 * password"...
 */
public final class BrokerFailures {

    /** What a TLS client says of a port that answers in plain MQTT (or not at all) to its hello. */
    public static final String PLAIN_PORT = "the port does not speak TLS (a plain MQTT port? then the URL must be tcp://)";

    private BrokerFailures() {}

    /** A failed connect as a {@link ToolFailure}: {@code cannot reach the broker at URL: why}. */
    public static ToolFailure connect(String url, Exception e) {
        if (e instanceof MqttException m && refusedLogin(m)) {
            return ToolFailure.failed("the broker at " + url + " refused the login: " + reason(e), e);
        }
        String why;
        if (closedEarly(e)) {
            why = url.startsWith("ssl:") ? PLAIN_PORT + " (the connection was closed at the TLS handshake)"
                    : "the broker closed the connection at the login (a TLS port? then the URL must be ssl://)";
        } else {
            why = reason(e);
        }
        return ToolFailure.failed("cannot reach the broker at " + url + ": " + why, e);
    }

    /** A connection the other side reset or closed before saying anything: TLS on one side only. */
    public static boolean closedEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof SocketException && String.valueOf(t.getMessage()).contains("reset")
                    || t instanceof SSLException && String.valueOf(t.getMessage()).contains("before handshake")) {
                return true;
            }
        }
        return e instanceof MqttException m && m.getReasonCode() == MqttException.REASON_CODE_CONNECTION_LOST;
    }

    private static boolean refusedLogin(MqttException m) {
        int code = m.getReasonCode();
        return code == MqttException.REASON_CODE_FAILED_AUTHENTICATION || code == MqttException.REASON_CODE_NOT_AUTHORIZED
                || code == MqttException.REASON_CODE_INVALID_CLIENT_ID;
    }

    /** The reason in words: from the innermost cause that says something, else from Paho's reason code. */
    public static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String known = known(t);
            if (known != null) {
                return known;
            }
        }
        if (e instanceof MqttException m) {
            return code(m);
        }
        return e.getMessage() == null ? "failed" : e.getMessage();
    }

    private static String known(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        if (t instanceof UnknownHostException) {
            return "unknown host " + message;
        }
        if (t instanceof ConnectException) {
            return message.toLowerCase().contains("refused") ? "connection refused" : "cannot connect (" + message + ")";
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (t instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
            return "TLS: a certificate is expired or not yet valid (check the clock too)";
        }
        if (t instanceof SSLException) {
            return tls(message);
        }
        if (t instanceof EOFException) {
            return "the broker closed the connection (a TLS port? then the URL must be ssl://)";
        }
        return null;
    }

    /** A TLS failure: which side of the handshake and what to check. */
    public static String tls(String message) {
        String m = message == null ? "" : message;
        if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext connection")) {
            return PLAIN_PORT;
        }
        if (m.contains("PKIX path") || m.contains("unable to find valid certification path")) {
            return "TLS: the broker's certificate is not signed by the CA given (the CA file)";
        }
        if (m.contains("No subject alternative") || m.contains("No name matching")) {
            return "TLS: the broker's certificate is not for this host name (" + m + ")";
        }
        if (m.contains("certificate_required") || m.contains("bad_certificate") || m.contains("unknown_ca")) {
            return "TLS: the broker wants a client certificate it trusts (the cert and key files)";
        }
        return "TLS: handshake failed (" + m + ")";
    }

    private static String code(MqttException m) {
        return switch (m.getReasonCode()) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION -> "bad user name or password";
            case MqttException.REASON_CODE_NOT_AUTHORIZED -> "not authorized";
            case MqttException.REASON_CODE_INVALID_CLIENT_ID -> "client id refused";
            case MqttException.REASON_CODE_BROKER_UNAVAILABLE -> "the broker is unavailable";
            case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION -> "the broker does not speak MQTT 3.1.1";
            case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "no answer in time";
            case MqttException.REASON_CODE_CONNECTION_LOST -> "the broker closed the connection";
            case MqttException.REASON_CODE_SERVER_CONNECT_ERROR -> "cannot connect";
            default -> (m.getMessage() == null ? "failed" : m.getMessage()) + " (MQTT reason " + m.getReasonCode() + ")";
        };
    }
}
