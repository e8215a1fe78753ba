package io.stampbox.signal;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import io.stampbox.config.UnitConfig;
import io.stampbox.time.Scheduler;
import io.stampbox.time.ThreadScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff button on a Pi4J digital input: BCM pin with the internal pull-up, the button between the
 * pin and ground (pressed reads low). Pi4J's listener thread only hands each edge, stamped with its
 * time, to the "staff-button" scheduler, where {@link PressDetector} debounces and classifies it.
 */
final class GpioStaffButton implements StaffButton {

    private static final Logger log = LoggerFactory.getLogger(GpioStaffButton.class);
    static final String ID = GpioPanel.ID_PREFIX + "staff-button";

    private final Context context;
    private final boolean ownContext;
    private final DigitalInput input;
    private final Scheduler scheduler;
    private final UnitConfig.Staff staff;
    private DigitalStateChangeListener edges;

    private GpioStaffButton(Context context, boolean ownContext, DigitalInput input, Scheduler scheduler,
            UnitConfig.Staff staff) {
        this.context = context;
        this.ownContext = ownContext;
        this.input = input;
        this.scheduler = scheduler;
        this.staff = staff;
    }

    /**
     * @param provider a Pi4J digital input provider id ({@code gpiod-digital-input} on the Pi)
     * @throws IndicatorException when the pin cannot be opened
     */
    static GpioStaffButton open(Context context, boolean ownContext, String provider, UnitConfig.Staff staff,
            Scheduler scheduler) {
        var config = DigitalInput.newConfigBuilder(context)
                .id(ID).name("staff.buttonPin").address(staff.buttonPin())
                .pull(PullResistance.PULL_UP).provider(provider);
        try {
            return new GpioStaffButton(context, ownContext, context.create(config), scheduler, staff);
        } catch (RuntimeException e) {
            throw new IndicatorException("staff.buttonPin: cannot open BCM " + staff.buttonPin() + " via Pi4J "
                    + provider + ": " + e.getMessage(), e);
        }
    }

    /** On the Pi: its own Pi4J context (gpiod) and its own "staff-button" thread. */
    static GpioStaffButton onPi(UnitConfig.Staff staff) {
        Context context = Pi4J.newContextBuilder().noAutoDetect()
                .add(GpioDDigitalInputProvider.newInstance())
                .build();
        try {
            return open(context, true, "gpiod-digital-input", staff, new ThreadScheduler("staff-button"));
        } catch (RuntimeException e) {
            context.shutdown();
            throw e;
        }
    }

    @Override
    public synchronized void start(Listener listener) {
        PressDetector detector = new PressDetector(staff.debounceMs(), staff.longPressMs(), scheduler, press -> {
            try {
                listener.pressed(press);
            } catch (RuntimeException e) {
                log.error("staff button: the press listener failed; the button keeps working", e);
            }
        });
        edges = event -> {
            long at = scheduler.nanos();
            boolean down = event.state() == DigitalState.LOW;
            scheduler.execute(() -> detector.edge(down, at));
        };
        input.addListener(edges);
        log.info("staff button on BCM {} (long press from {} ms)", staff.buttonPin(), staff.longPressMs());
    }

    @Override
    public synchronized void close() {
        if (edges != null) {
            input.removeListener(edges);
        }
        scheduler.shutdown();
        try {
            context.shutdown(ID);
            if (ownContext) {
                context.shutdown();
            }
        } catch (RuntimeException e) {
            log.warn("staff button: could not release BCM {}: {}", staff.buttonPin(), e.toString());
        }
    }
}
