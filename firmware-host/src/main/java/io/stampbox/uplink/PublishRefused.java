package io.stampbox.uplink;

/**
 * The broker answered a publish with a reason code >= 128 (MQTT 5): the message was not delivered.
 * The message reads {@code refused: not authorized on stampbox/v1/unit-1/scan}.
 */
public final class PublishRefused extends UplinkException {

    private final int reasonCode;
    private final String topic;

    PublishRefused(int reasonCode, String topic) {
        super("refused: " + ReasonCodes.name(reasonCode) + " on " + topic);
        this.reasonCode = reasonCode;
        this.topic = topic;
    }

    public int reasonCode() {
        return reasonCode;
    }

    public String topic() {
        return topic;
    }
}
