package io.stampbox.uplink;

/** MQTT 5 reason codes (OASIS MQTT 5.0, section 2.4) in words, for the log, health and the status light. */
final class ReasonCodes {

    /** The publish reached the broker and had no subscriber: still a success. */
    static final int NO_MATCHING_SUBSCRIBERS = 16;
    /** Codes at or above this are failures. */
    static final int FAILURE = 128;
    static final int PACKET_TOO_LARGE = 149;

    private ReasonCodes() {}

    static boolean failed(int code) {
        return code >= FAILURE;
    }

    static String name(int code) {
        return switch (code) {
            case 0 -> "success";
            case 4 -> "disconnect with will message";
            case 16 -> "no matching subscribers";
            case 128 -> "unspecified error";
            case 129 -> "malformed packet";
            case 130 -> "protocol error";
            case 131 -> "implementation specific error";
            case 135 -> "not authorized";
            case 137 -> "server busy";
            case 139 -> "server shutting down";
            case 141 -> "keep alive timeout";
            case 142 -> "session taken over";
            case 143 -> "topic filter invalid";
            case 144 -> "topic name invalid";
            case 145 -> "packet identifier in use";
            case 147 -> "receive maximum exceeded";
            case 148 -> "topic alias invalid";
            case 149 -> "packet too large";
            case 150 -> "message rate too high";
            case 151 -> "quota exceeded";
            case 152 -> "administrative action";
            case 153 -> "payload format invalid";
            case 154 -> "retain not supported";
            case 155 -> "QoS not supported";
            case 156 -> "use another server";
            case 157 -> "server moved";
            case 158 -> "shared subscriptions not supported";
            case 159 -> "connection rate exceeded";
            case 160 -> "maximum connect time";
            case 161 -> "subscription identifiers not supported";
            case 162 -> "wildcard subscriptions not supported";
            default -> "reason code " + code;
        };
    }
}
