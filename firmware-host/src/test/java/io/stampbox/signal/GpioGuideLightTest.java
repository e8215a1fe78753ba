package io.stampbox.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.stampbox.counter.StatusBoard;
import io.stampbox.testing.RecordingIndicator;
import org.junit.jupiter.api.Test;

/** The guide light on Pi4J's mock output, driven by the unit's conditions. */
class GpioGuideLightTest {

    @Test
    void onOnlyWhileTheUnitCanTakeAScanAndOffAtClose() {
        Context context = MockGpio.context();
        try {
            GpioGuideLight light = GpioGuideLight.open(context, false, "mock-digital-output", 5);
            DigitalOutput pin = context.registry().get(GpioGuideLight.ID, DigitalOutput.class);
            assertEquals(DigitalState.LOW, pin.state(), "off at start");
            StatusBoard status = new StatusBoard(new RecordingIndicator());
            status.guideLight(light);
            assertEquals(DigitalState.LOW, pin.state(), "no scanner yet");
            status.scannerConnected(true);
            assertEquals(DigitalState.HIGH, pin.state());
            status.storageFault(true);
            assertEquals(DigitalState.LOW, pin.state(), "storage failing");
            status.storageFault(false);
            assertEquals(DigitalState.HIGH, pin.state());
            status.scannerConnected(false);
            assertEquals(DigitalState.LOW, pin.state(), "scanner gone");
            status.scannerConnected(true);
            light.close();
            assertEquals(DigitalState.LOW, pin.state(), "off at close");
        } finally {
            context.shutdown();
        }
    }
}
