package io.stampbox.uplink;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Turns Paho's exceptions (often without a message) into one short reason a person can act on. */
final class FailureReason {

    private FailureReason() {}

    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String network = network(t);
            if (network != null) {
                return network;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MqttException e) {
                return mqtt(e);
            }
            if (t instanceof org.eclipse.paho.mqttv5.common.MqttException e) {
                return mqtt5(e);
            }
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static String network(Throwable t) {
        if (t instanceof UnknownHostException) {
            return "unknown host " + t.getMessage();
        }
        if (t instanceof SSLException || t instanceof GeneralSecurityException) {
            return "TLS failure: " + t.getMessage();
        }
        if (t instanceof ConnectException) {
            return "connection refused (" + t.getMessage() + ")";
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to host (" + t.getMessage() + ")";
        }
        if (t instanceof SocketTimeoutException) {
            return "timed out (" + t.getMessage() + ")";
        }
        if (t instanceof SocketException && duringTlsHandshake(t)) {
            return "TLS failure: the broker closed the connection during the handshake (" + t.getMessage()
                    + "); is the client certificate signed by a CA the broker trusts?";
        }
        if (t instanceof SocketException) {
            return "connection reset (" + t.getMessage() + ")";
        }
        if (t instanceof EOFException) {
            return "connection closed by the broker";
        }
        return null;
    }

    /** A broker that refuses the client certificate under TLS 1.3 often shows up only as a broken pipe. */
    private static boolean duringTlsHandshake(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getMethodName().equals("startHandshake") && frame.getClassName().startsWith("sun.security.ssl")) {
                return true;
            }
        }
        return false;
    }

    /** Paho mqttv5 uses MQTT 5 reason codes (CONNACK, below 256) and its own client codes (32000 up). */
    private static String mqtt5(org.eclipse.paho.mqttv5.common.MqttException e) {
        int code = e.getReasonCode();
        return switch (code) {
            case 134 -> "login refused: bad user name or password";
            case 135 -> "login refused: not authorized (check mqtt.username and mqtt.password)";
            case 133 -> "client id refused by the broker";
            case 132 -> "broker refused MQTT 5 (set mqtt.protocol to 3.1.1)";
            case 136 -> "broker unavailable";
            case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "timed out waiting for the broker";
            case MqttException.REASON_CODE_CONNECTION_LOST -> "connection lost";
            default -> code < 256 ? "refused by the broker: " + ReasonCodes.name(code)
                    : "MQTT error " + code + " (" + e.getMessage() + ")";
        };
    }

    private static String mqtt(MqttException e) {
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION -> "login refused: bad user name or password";
            case MqttException.REASON_CODE_NOT_AUTHORIZED -> "login refused: not authorized (check mqtt.username and mqtt.password)";
            case MqttException.REASON_CODE_INVALID_CLIENT_ID -> "client id refused by the broker";
            case MqttException.REASON_CODE_BROKER_UNAVAILABLE -> "broker unavailable";
            case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION -> "broker refused MQTT 3.1.1";
            case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "timed out waiting for the broker";
            case MqttException.REASON_CODE_CONNECTION_LOST -> "connection lost";
            default -> "MQTT error " + e.getReasonCode() + " (" + e.getMessage() + ")";
        };
    }
}
