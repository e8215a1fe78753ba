package io.stampbox.signal;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import io.stampbox.config.UnitConfig.Buzzer;
import io.stampbox.config.UnitConfig.BuzzerType;
import io.stampbox.config.UnitConfig.Feedback;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LEDs and buzzer on Pi4J outputs. Every output starts off and is configured to go off when Pi4J
 * shuts it down, so the safe state holds at start, at close and on Pi4J's own shutdown hook.
 */
final class GpioPanel implements Panel {

    private static final Logger log = LoggerFactory.getLogger(GpioPanel.class);
    static final String ID_PREFIX = "stampbox-";

    private final Context context;
    private final List<String> ioIds;
    private final Map<String, Pin> lamps;
    private final PinPlan plan;
    private final Sounder sounder;

    private GpioPanel(Context context, List<String> ioIds, Map<String, Pin> lamps, PinPlan plan, Sounder sounder) {
        this.context = context;
        this.ioIds = List.copyOf(ioIds);
        this.lamps = Map.copyOf(lamps);
        this.plan = plan;
        this.sounder = sounder;
    }

    static GpioPanel open(Context context, Feedback feedback, Pi4jTarget target) {
        PinPlan plan = PinPlan.of(feedback);
        Opener opener = new Opener(context, target);
        try {
            Map<String, Pin> lamps = new LinkedHashMap<>();
            boolean activeLow = feedback.led().activeLow();
            plan.leds().forEach((lamp, bcm) -> lamps.put(lamp, opener.lamp(lamp, bcm, activeLow)));
            Sounder sounder = opener.sounder(feedback.buzzer());
            return new GpioPanel(context, opener.ids, lamps, plan, sounder);
        } catch (RuntimeException e) {
            opener.releaseAll();
            throw e;
        }
    }

    @Override
    public void set(Colour colour, int toneHz) {
        var lit = plan.mixing().get(colour);
        lamps.forEach((lamp, pin) -> pin.set(lit.contains(lamp)));
        sounder.tone(toneHz);
    }

    @Override
    public void close() {
        try {
            set(Colour.OFF, Step.SILENT);
        } catch (RuntimeException e) {
            log.warn("indicator: could not turn outputs off before release: {}", e.toString());
        }
        release(context, ioIds);
    }

    private static void release(Context context, List<String> ids) {
        for (int i = ids.size() - 1; i >= 0; i--) {
            try {
                context.shutdown(ids.get(i)); // applies the configured shutdown state (off)
            } catch (RuntimeException e) {
                log.warn("indicator: could not release Pi4J output {}: {}", ids.get(i), e.toString());
            }
        }
    }

    /** Creates the outputs, remembering them so that a failure half way releases what was opened. */
    private static final class Opener {
        private final Context context;
        private final Pi4jTarget target;
        private final List<String> ids = new ArrayList<>();

        Opener(Context context, Pi4jTarget target) {
            this.context = context;
            this.target = target;
        }

        Pin lamp(String lamp, int bcm, boolean activeLow) {
            String field = "feedback.led." + lamp;
            return new Pin(field, digital("led-" + lamp, field, bcm, activeLow), activeLow);
        }

        Sounder sounder(Buzzer buzzer) {
            if (buzzer == null || buzzer.type() == BuzzerType.NONE) {
                return Sounder.NONE;
            }
            if (buzzer.type() == BuzzerType.ACTIVE) {
                return Sounder.active(digital("buzzer", "feedback.buzzer.pin", buzzer.pin(), false));
            }
            return Sounder.passive(pwm(buzzer.pin()));
        }

        private DigitalOutput digital(String name, String field, int bcm, boolean activeLow) {
            var off = Pin.level(false, activeLow);
            var config = DigitalOutput.newConfigBuilder(context)
                    .id(ID_PREFIX + name).name(field).address(bcm)
                    .initial(off).shutdown(off)
                    .provider(target.digitalOutputProvider());
            return open(ID_PREFIX + name, field, bcm, target.digitalOutputProvider(), () -> context.create(config));
        }

        private Pwm pwm(int bcm) {
            int channel = PwmChannels.channel(bcm, target.rp1());
            var config = Pwm.newConfigBuilder(context)
                    .id(ID_PREFIX + "buzzer").name("feedback.buzzer.pin").address(channel)
                    .pwmType(PwmType.HARDWARE).initial(0).shutdown(0)
                    .provider(target.pwmProvider());
            Pwm pwm = open(ID_PREFIX + "buzzer", "feedback.buzzer.pin", bcm,
                    target.pwmProvider() + " channel " + channel, () -> context.create(config));
            pwm.off();
            return pwm;
        }

        private <T> T open(String id, String field, int bcm, String via, Supplier<T> create) {
            try {
                T io = create.get();
                ids.add(id);
                return io;
            } catch (RuntimeException e) {
                throw new IndicatorException(field + ": cannot open BCM " + bcm + " via Pi4J " + via + ": "
                        + e.getMessage(), e);
            }
        }

        void releaseAll() {
            release(context, ids);
        }
    }
}
