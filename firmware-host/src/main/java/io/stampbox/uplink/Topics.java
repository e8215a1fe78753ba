package io.stampbox.uplink;

/** The unit's topic names: {@code {root}/{deviceId}/...} and {@code {root}/_fleet/...}. */
record Topics(String root, String deviceId) {

    String device(String subtopic) {
        return root + "/" + deviceId + "/" + subtopic;
    }

    String fleet(String subtopic) {
        return root + "/_fleet/" + subtopic;
    }
}
