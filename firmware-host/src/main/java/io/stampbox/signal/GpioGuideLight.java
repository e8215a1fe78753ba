package io.stampbox.signal;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The guide light on a Pi4J digital output (active high, through a transistor or a resistor): off at start and shutdown. */
final class GpioGuideLight implements GuideLight {

    private static final Logger log = LoggerFactory.getLogger(GpioGuideLight.class);
    static final String ID = GpioPanel.ID_PREFIX + "guide-light";

    private final Context context;
    private final boolean ownContext;
    private final DigitalOutput output;

    private GpioGuideLight(Context context, boolean ownContext, DigitalOutput output) {
        this.context = context;
        this.ownContext = ownContext;
        this.output = output;
    }

    static GpioGuideLight open(Context context, boolean ownContext, String provider, int bcm) {
        var config = DigitalOutput.newConfigBuilder(context).id(ID).name("feedback.guideLightPin").address(bcm)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW).provider(provider);
        try {
            return new GpioGuideLight(context, ownContext, context.create(config));
        } catch (RuntimeException e) {
            throw new IndicatorException("feedback.guideLightPin: cannot open BCM " + bcm + " via Pi4J " + provider
                    + ": " + e.getMessage(), e);
        }
    }

    static GpioGuideLight onPi(int bcm) {
        Context context = Pi4J.newContextBuilder().noAutoDetect().add(GpioDDigitalOutputProvider.newInstance()).build();
        try {
            return open(context, true, "gpiod-digital-output", bcm);
        } catch (RuntimeException e) {
            context.shutdown();
            throw e;
        }
    }

    @Override
    public synchronized void set(boolean on) {
        try {
            output.state(on ? DigitalState.HIGH : DigitalState.LOW);
        } catch (RuntimeException e) {
            log.warn("guide light: could not switch {}: {}", on ? "on" : "off", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        set(false);
        try {
            context.shutdown(ID);
            if (ownContext) {
                context.shutdown();
            }
        } catch (RuntimeException e) {
            log.warn("guide light: could not release its pin: {}", e.toString());
        }
    }
}
