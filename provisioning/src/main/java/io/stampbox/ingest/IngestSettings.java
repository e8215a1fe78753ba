package io.stampbox.ingest;

/**
 * How {@code stampbox-ingest run} connects and consumes; checked by the command line.
 *
 * @param clientId the MQTT client id: stable per process, so that after a crash the broker hands the
 *     restarted process its session with the messages it had not acknowledged yet
 * @param sessionExpirySeconds how long the broker keeps that session while the process is away
 * @param receiveMaximum how many unacknowledged scan messages the broker may have out to this process
 */
record IngestSettings(String url, String clientId, String group, String root, String username, char[] password,
        long sessionExpirySeconds, int receiveMaximum, int batchMax, int maxBytes) {

    String sharedScanFilter() {
        return "$share/" + group + "/" + root + "/+/scan";
    }
}
