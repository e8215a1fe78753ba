package io.stampbox.signal;

import io.stampbox.time.ThreadScheduler;
import io.stampbox.time.Scheduler;
import com.pi4j.Pi4J;
import com.pi4j.boardinfo.util.BoardInfoHelper;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import io.stampbox.config.UnitConfig.Feedback;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LEDs and buzzer on the Pi's GPIO through Pi4J. Calls return at once; patterns play on one thread
 * named {@code indicator}, which owns every output. A signal cuts short the one playing, and also
 * cuts short identify; the idle status light resumes when the signal ends.
 */
public final class GpioIndicator implements Indicator {

    private static final Logger log = LoggerFactory.getLogger(GpioIndicator.class);
    /** The one thread that drives the outputs. */
    static final String THREAD_NAME = "indicator";
    private static final String SYSFS_PWM = "/sys/class/pwm";

    private final Scheduler scheduler;
    private final Player player;
    private final Runnable afterClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<UnitState> shownState = new AtomicReference<>();
    private final AtomicReference<Pattern> nextForeground = new AtomicReference<>();
    private final AtomicReference<Pattern> nextIdle = new AtomicReference<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();

    GpioIndicator(Panel panel, Scheduler scheduler, Runnable afterClose) {
        this.scheduler = scheduler;
        this.player = new Player(panel, scheduler);
        this.afterClose = afterClose;
    }

    /**
     * Opens the outputs on a context owned by the caller, who shuts it down after {@link #close()}.
     *
     * @throws IndicatorException naming the field and pin that could not be opened
     */
    public static GpioIndicator open(Context context, Feedback feedback, Pi4jTarget target) {
        return new GpioIndicator(GpioPanel.open(context, feedback, target), new ThreadScheduler(THREAD_NAME), () -> {});
    }

    /**
     * Opens the outputs on the Pi with its own Pi4J context (gpiod for digital outputs, sysfs for
     * hardware PWM, named explicitly), shut down by {@link #close()}.
     *
     * @throws IndicatorException when this machine has no usable GPIO, naming feedback.platform
     */
    public static GpioIndicator onPi(Feedback feedback) {
        boolean rp1 = BoardInfoHelper.usesRP1();
        int pwmChip = PwmChannels.chip(rp1, Path.of(SYSFS_PWM), System.getProperty("os.version", ""));
        Context context = piContext(pwmChip);
        try {
            Panel panel = GpioPanel.open(context, feedback, Pi4jTarget.pi(rp1));
            return new GpioIndicator(panel, new ThreadScheduler(THREAD_NAME), context::shutdown);
        } catch (RuntimeException e) {
            context.shutdown();
            String board = BoardInfoHelper.runningOnRaspberryPi() ? "a Raspberry Pi" : "not a Raspberry Pi";
            java.util.Optional<String> chips = GpioChips.problem(Path.of("/dev"));
            String cause = chips.map(p -> p + "; Pi4J: ").orElse("") + e.getMessage();
            throw new IndicatorException("feedback.platform: \"gpio\" needs usable GPIO (this machine: " + board
                    + "; use \"console\" or \"none\" elsewhere): " + cause, chips.orElse("Pi4J: " + e.getMessage()), e);
        }
    }

    /**
     * Pi4J's auto context would pick the mock plugin (it is on the classpath and has the highest
     * priority) and hide gpiod, so the Pi context names its providers and detects nothing.
     */
    static Context piContext(int pwmChip) {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(GpioDDigitalOutputProvider.newInstance(),
                        LinuxFsPwmProvider.newInstance(SYSFS_PWM, pwmChip))
                .property("linux.pwm.chip", Integer.toString(pwmChip))
                .build();
    }

    @Override
    public String signals() {
        return "gpio";
    }

    @Override
    public void show(Indication indication) {
        post(nextForeground, Patterns.forSignal(indication.signal()));
    }

    @Override
    public void state(UnitState state) {
        Pattern pattern = Objects.requireNonNull(Patterns.idle(state), "state");
        if (shownState.getAndSet(state) != state) {
            log.info("status light: {}", state);
        }
        post(nextIdle, pattern);
    }

    @Override
    public void identify() {
        post(nextForeground, Patterns.IDENTIFY);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(player::close);
        } catch (RejectedExecutionException e) {
            log.warn("indicator: thread already stopped");
        }
        if (!scheduler.shutdown()) {
            player.close(); // the thread is gone or stuck: the safe state matters more than confinement
        }
        afterClose.run();
    }

    /**
     * Hands a pattern to the indicator thread. Only the latest of each kind matters (a new signal cuts
     * the one before), so a burst of calls leaves one slot filled and at most one task queued.
     */
    private void post(AtomicReference<Pattern> slot, Pattern pattern) {
        slot.set(pattern);
        if (closed.get() || !drainQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(this::drain);
        } catch (RejectedExecutionException e) {
            log.debug("indicator: closed, signal dropped");
        }
    }

    /** On the indicator thread: applies the latest status light, then the latest signal. */
    private void drain() {
        drainQueued.set(false);
        Pattern idle = nextIdle.getAndSet(null);
        if (idle != null) {
            player.idle(idle);
        }
        Pattern foreground = nextForeground.getAndSet(null);
        if (foreground != null) {
            player.play(foreground);
        }
    }
}
