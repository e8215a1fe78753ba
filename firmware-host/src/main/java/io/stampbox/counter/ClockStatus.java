package io.stampbox.counter;

/** Whether the wall clock is known to be synchronised (a Pi has no real-time clock). */
public interface ClockStatus {

    boolean synced();
}
