package io.stampbox.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stampbox.testing.RecordingIndicator;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusLightTest {

    private final RecordingIndicator indicator = new RecordingIndicator();
    private final StatusLight light = new StatusLight(indicator);

    @Test
    void aStorageFaultOutranksALostScannerAndReadyReturnsWhenBothClear() {
        light.set(UnitState.SCANNER_DISCONNECTED, true);
        light.set(UnitState.STORAGE_FAULT, true);
        light.set(UnitState.SCANNER_DISCONNECTED, false); // scanner back: the fault still shows
        light.set(UnitState.STORAGE_FAULT, false);
        assertEquals(List.of(UnitState.SCANNER_DISCONNECTED, UnitState.STORAGE_FAULT, UnitState.STORAGE_FAULT,
                UnitState.READY), indicator.states());
        assertEquals(UnitState.READY, light.shown());
    }

    @Test
    void theWorstConditionShowsFromStorageFaultToScannerToRefusingBroker() {
        light.set(UnitState.STORAGE_FAULT, true);
        light.set(UnitState.SCANNER_DISCONNECTED, true);
        light.set(UnitState.UPLINK_REFUSED, true);
        assertEquals(UnitState.STORAGE_FAULT, light.shown());
        light.set(UnitState.STORAGE_FAULT, false);
        assertEquals(UnitState.SCANNER_DISCONNECTED, light.shown(), "a lost scanner outranks a refusing broker");
        light.set(UnitState.SCANNER_DISCONNECTED, false);
        assertEquals(UnitState.UPLINK_REFUSED, light.shown(), "a refusing broker outranks ready");
    }
}
