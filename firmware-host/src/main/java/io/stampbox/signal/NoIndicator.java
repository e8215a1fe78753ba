package io.stampbox.signal;

/** The {@code none} platform: no LEDs, no buzzer, no output. */
public final class NoIndicator implements Indicator {

    @Override
    public void show(Indication indication) {}

    @Override
    public void state(UnitState state) {}

    @Override
    public void identify() {}

    @Override
    public void close() {}
}
