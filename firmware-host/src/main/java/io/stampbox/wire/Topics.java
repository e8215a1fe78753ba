package io.stampbox.wire;

/** The unit's topic names: {@code {root}/{deviceId}/...} and {@code {root}/_fleet/...}. */
public record Topics(String root, String deviceId) {

    public String device(String subtopic) {
        return root + "/" + deviceId + "/" + subtopic;
    }

    public String fleet(String subtopic) {
        return root + "/_fleet/" + subtopic;
    }
}
