package io.stampbox.app;

import io.stampbox.update.UpdatePorts;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What software updates look at in the running unit (the last scan, whether it works, its version). */
record UnitUpdatePorts(Supplier<Instant> lastScan, BooleanSupplier works, String running) implements UpdatePorts {

    @Override
    public Instant lastScanAt() {
        return lastScan.get();
    }

    @Override
    public boolean working() {
        return works.getAsBoolean();
    }

    @Override
    public String runningVersion() {
        return running;
    }
}
