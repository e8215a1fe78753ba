package io.stampbox.fleet;

import io.stampbox.outbox.Outbox;
import io.stampbox.signal.Indicator;
import java.nio.file.Path;

/** What the commands of contract section 3.5 act on and look at. */
public interface UnitControl {

    Indicator indicator();

    /** None for {@code feedback.platform: none}, console, or gpio. */
    String signalPlatform();

    boolean scannerConnected();

    /** Null while the store cannot be opened. */
    Outbox outbox();

    Path storageDir();

    boolean uplinkConnected();

    /** Wakes the drainer to publish the outbox now. */
    void flush();

    /** Publishes the health document now, when connected (after a {@code flush}). */
    void reportHealth();

    /** Stops the unit cleanly and exits with a code that makes systemd start it again. Returns at once. */
    void restart();
}
