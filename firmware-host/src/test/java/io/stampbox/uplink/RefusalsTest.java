package io.stampbox.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SUBACK codes read as granted or refused, and what the status light is told. No broker here can refuse a
 * subscription (mosquitto 2.0.11 grants what its ACL denies, SUBACK 0), so the codes are fed in directly.
 */
class RefusalsTest {

    private static final List<String> FILTERS = List.of("r/u/cmd/+", "r/u/config/desired", "r/_fleet/config/desired");

    @Test
    void subackCodesAtOrAbove128AreRefusalsUnderBothProtocols() {
        assertEquals(List.of(), BrokerClient.refused(FILTERS, new int[] {0, 1, 1}));
        assertEquals(List.of("r/u/config/desired"), BrokerClient.refused(FILTERS, new int[] {1, 0x87, 1}),
                "MQTT 5: 135 not authorized");
        assertEquals(List.of("r/u/cmd/+"), BrokerClient.refused(FILTERS, new int[] {0x80, 1, 1}),
                "3.1.1: 0x80 failure");
        assertEquals(List.of("r/u/config/desired", "r/_fleet/config/desired"),
                BrokerClient.refused(FILTERS, new int[] {1}), "a code missing for a filter is no grant");
        assertEquals(FILTERS, BrokerClient.refused(FILTERS, null));
    }

    @Test
    void listenersHearEachChangeOfWhatIsRefusedOnce() {
        List<String> told = new ArrayList<>();
        Refusals refusals = new Refusals("5", told::add);
        refusals.connected();
        refusals.subscribed(FILTERS, List.of());
        assertEquals(List.of(), told, "nothing refused: nothing to tell");

        refusals.subscribed(FILTERS, List.of("r/u/cmd/+"));
        assertFalse(refusals.subscriptionsGranted());
        refusals.answered(new PublishRefused(135, "r/u/scan"));
        refusals.answered(new PublishRefused(135, "r/u/scan"));
        refusals.answered(null);
        assertTrue(refusals.publishesAccepted());
        refusals.connected(); // a new connection: its subscriptions are granted again until a SUBACK says no
        assertEquals(Arrays.asList("subscriptions refused: r/u/cmd/+", "refused: not authorized on r/u/scan",
                "subscriptions refused: r/u/cmd/+", null), told);
    }
}
