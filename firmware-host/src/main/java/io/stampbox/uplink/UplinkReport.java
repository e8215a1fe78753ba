package io.stampbox.uplink;

import java.util.List;

/**
 * What the uplink tells health about the broker's answers, beyond connected or not.
 *
 * @param protocol {@code 5} or {@code 3.1.1}
 * @param refusal why the last publish was refused ({@code refused: not authorized on <topic>}), null when
 *     the last publish was accepted or none was refused since the last connect
 * @param publishesRefused publishes the broker refused (reason code >= 128) since start
 * @param subscriptionsRefused the filters the broker refused at the last connect (SUBACK >= 128)
 * @param lastDisconnect why the last connection ended (a server DISCONNECT's reason, or the network's)
 * @param oversizeDropped inbound messages larger than the unit accepts, dropped
 * @param window the in-flight window in use (our limit, capped by the broker's Receive Maximum)
 * @param broker the broker URL in use (one of {@code mqtt.urls}), null while not connected
 */
public record UplinkReport(
        String protocol,
        String refusal,
        long publishesRefused,
        List<String> subscriptionsRefused,
        String lastDisconnect,
        long oversizeDropped,
        int window,
        String broker) {

    public static final UplinkReport NONE = new UplinkReport(null, null, 0, List.of(), null, 0, 0, null);

    public UplinkReport {
        subscriptionsRefused = List.copyOf(subscriptionsRefused);
    }
}
