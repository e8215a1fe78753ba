package io.stampbox.uplink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The retained status payloads of contract section 3.2. Offline payloads add {@code reason}:
 * {@code stopped} for a clean stop, {@code connection-lost} for the last will.
 */
final class StatusPayloads {

    static final String STOPPED = "stopped";
    static final String CONNECTION_LOST = "connection-lost";

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusPayloads() {}

    static byte[] online(StatusInfo info) {
        return bytes(base(info, true));
    }

    static byte[] offline(StatusInfo info, String reason) {
        return bytes(base(info, false).put("reason", reason));
    }

    private static ObjectNode base(StatusInfo info, boolean online) {
        ObjectNode node = JSON.createObjectNode();
        node.put("online", online);
        node.put("version", info.version());
        node.put("bootedAt", info.bootedAt().toString());
        node.put("configVersion", info.configVersion().getAsLong());
        return node;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("status payload: " + e.getMessage(), e);
        }
    }
}
